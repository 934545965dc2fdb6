"""Step 18: peak memory of retain_grad=False vs True, and of no_grad() vs the graph.

Each peak (tracemalloc, untimed, in extra_info) is printed beside its theoretical minimum:
the arrays that must be alive at once, times the array size (kata.memory.CASES).
"""

import pytest

from kata import bench, memory

STEP = 18
ROUNDS = 5
pytestmark = pytest.mark.timeout(300)  # the ini's 10 s is for learners' tests


@pytest.mark.benchmark(group=bench.BACKWARD_GROUP)
@pytest.mark.parametrize("retain_grad", [False, True], ids=["retain_grad=False",
                                                            "retain_grad=True"])
def test_forward_backward(benchmark, info, dezero, retain_grad):
    info.update(memory.chain_memory_info(memory.forward_backward, dezero, retain_grad))
    benchmark.pedantic(memory.forward_backward, args=(dezero, retain_grad), rounds=ROUNDS,
                       warmup_rounds=1)


@pytest.mark.benchmark(group=bench.FORWARD_GROUP)
@pytest.mark.parametrize("graph", [True, False], ids=["with-graph", "no_grad"])
def test_forward(benchmark, info, dezero, graph):
    info.update(memory.chain_memory_info(memory.forward, dezero, graph))
    benchmark.pedantic(memory.forward, args=(dezero, graph), rounds=ROUNDS, warmup_rounds=1)
