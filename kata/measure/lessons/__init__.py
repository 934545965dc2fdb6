"""The memory lessons, one module a step (stepNN.py): its workload, what it measures, its targets
(the report of `make bench STEP=N`, whose benchmarks/bench_stepNN.py times it) and, for a lesson
with a picture, `picture(plt) -> str`, which `make plot STEP=N` finds by this convention."""
