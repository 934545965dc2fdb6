"""Step 59's benchmarks: the lesson is kata/measure/lessons/step59.py (the RNN's training with
and without loss.unchain_backward(), what it keeps, the report and its targets, the picture);
this file times it with pytest-benchmark.

Time is pytest-benchmark's (the GC on, as in everyday use); memory goes into extra_info from a
separate, untimed pass with the GC off (step59.rnn_memory_info).
"""

import pytest

from kata.measure import bench
from kata.measure.lessons import step59

STEP = 59
SOLUTIONS = (59,)
ROUNDS = 3
pytestmark = pytest.mark.timeout(600)  # the ini's 10 s is for learners' tests


@pytest.mark.benchmark(group=step59.GROUP)
@pytest.mark.parametrize("length", step59.RNN_LENGTHS)
@pytest.mark.parametrize("unchain", [True, False], ids=["unchain", "no-unchain"])
def test_rnn_training(benchmark, info, dezero, unchain, length):
    info.update(step59.rnn_memory_info(dezero, length, unchain))
    benchmark.pedantic(step59.rnn_training, args=(dezero, length, unchain),
                       setup=bench.collect_garbage, rounds=ROUNDS, warmup_rounds=0)


report = step59.report
