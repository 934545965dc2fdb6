"""Measuring what the memory lessons buy: `make bench`, `make plot`, and their workloads."""
