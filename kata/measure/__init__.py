"""Measuring what the memory lessons buy: `make bench`, `make plot`, the machinery they share;
lessons/: one module per memory lesson."""
