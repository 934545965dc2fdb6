"""Step 18: peak memory of retain_grad=False vs True, and of no_grad() vs the graph.

Each peak (tracemalloc, untimed, in extra_info) is printed beside its theoretical minimum:
the arrays that must be alive at once, times the array size (kata.measure.memory.CASES).
"""

import pytest

from kata.measure import bench, memory

STEP = 18
SOLUTIONS = (18,)
ROUNDS = 5
pytestmark = pytest.mark.timeout(300)  # the ini's 10 s is for learners' tests

BACKWARD_GROUP = "step18: forward + backward"
FORWARD_GROUP = "step18: forward"


@pytest.mark.benchmark(group=BACKWARD_GROUP)
@pytest.mark.parametrize("retain_grad", [False, True], ids=["no-retain", "retain"])
def test_backward(benchmark, info, dezero, retain_grad):
    info.update(memory.chain_memory_info(memory.forward_backward, dezero, retain_grad))
    benchmark.pedantic(memory.forward_backward, args=(dezero, retain_grad), rounds=ROUNDS,
                       warmup_rounds=1)


@pytest.mark.benchmark(group=FORWARD_GROUP)
@pytest.mark.parametrize("graph", [True, False], ids=["with-graph", "no_grad"])
def test_forward(benchmark, info, dezero, graph):
    info.update(memory.chain_memory_info(memory.forward, dezero, graph))
    benchmark.pedantic(memory.forward, args=(dezero, graph), rounds=ROUNDS, warmup_rounds=1)


# -- the report -------------------------------------------------------------------------------

def report(results: dict) -> str:
    cases = sorted(bench.entries(results, BACKWARD_GROUP) + bench.entries(results, FORWARD_GROUP),
                   key=lambda entry: entry["impl"])  # the solution first, then yours
    rows = []
    for entry in cases:
        minimum = entry["minimum_arrays"] * entry["array_bytes"]
        rows.append([entry["label"], entry["what"], f"{entry['time'] * 1e3:.1f}",
                     bench.megabytes(entry["peak"]), bench.megabytes(minimum),
                     f"{entry['peak'] / minimum:.2f}", entry["minimum_arrays"]])
    which = {entry["what"]: (entry["minimum_arrays"], entry["which"]) for entry in cases}
    array_mb = bench.megabytes(memory.BIG_SIZE * 8)
    return "\n".join([
        f"A chain of {memory.CHAIN} squares over arrays of {memory.BIG_SIZE:,} floats "
        f"({array_mb} MB each)",
        bench.table(["implementation", "what", "ms", "peak MB", "min MB", "peak/min", "arrays"],
                    rows),
        f"  ms: the fastest of {cases[0]['rounds']} rounds. peak MB: tracemalloc, untimed "
        "(1 MB = 10^6 bytes).",
        f"  min MB: the theoretical minimum, the arrays that must be alive at once times "
        f"{array_mb} MB:",
        *(f"    {what}: {arrays} = {arrays_which}"
          for what, (arrays, arrays_which) in which.items()),
    ])
