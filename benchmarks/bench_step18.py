"""Step 18's benchmarks: the lesson is kata/measure/lessons/step18.py (the workloads, their
peaks beside their theoretical minimum, the report); this file times it with pytest-benchmark.
"""

import pytest

from kata.measure.lessons import step18

STEP = 18
SOLUTIONS = (18,)
ROUNDS = 5
pytestmark = pytest.mark.timeout(300)  # the ini's 10 s is for learners' tests


@pytest.mark.benchmark(group=step18.BACKWARD_GROUP)
@pytest.mark.parametrize("retain_grad", [False, True], ids=["no-retain", "retain"])
def test_backward(benchmark, info, dezero, retain_grad):
    info.update(step18.chain_memory_info(step18.forward_backward, dezero, retain_grad))
    benchmark.pedantic(step18.forward_backward, args=(dezero, retain_grad), rounds=ROUNDS,
                       warmup_rounds=1)


@pytest.mark.benchmark(group=step18.FORWARD_GROUP)
@pytest.mark.parametrize("graph", [True, False], ids=["with-graph", "no_grad"])
def test_forward(benchmark, info, dezero, graph):
    info.update(step18.chain_memory_info(step18.forward, dezero, graph))
    benchmark.pedantic(step18.forward, args=(dezero, graph), rounds=ROUNDS, warmup_rounds=1)


report = step18.report
