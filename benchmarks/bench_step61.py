"""Step 61's benchmarks: the lesson is kata/measure/lessons/step61.py (one training step of an
MLP of N blocks, plain and checkpointed, its peak, the report and its targets, the picture);
this file times it with pytest-benchmark.

Time is pytest-benchmark's (the GC on); memory goes into extra_info from a separate, untimed
pass with the GC off (step61.deep_memory_info). The time ratio at the deepest N is timed in
alternating rounds (kata.measure.memory.Interleaved), for the solution and, when it passes its
tests, the learner's code.
"""

import pytest

from kata.measure import bench, memory
from kata.measure.lessons import step61

STEP = 61
SOLUTIONS = (61,)
ROUNDS = 5
RATIO_ROUNDS = 12
pytestmark = pytest.mark.timeout(600)  # the ini's 10 s is for learners' tests


@pytest.mark.benchmark(group=step61.GROUP)
@pytest.mark.parametrize("depth", step61.DEEP_DEPTHS)
@pytest.mark.parametrize("checkpointed", [False, True], ids=["plain", "checkpointed"])
def test_training_step(benchmark, info, dezero, checkpointed, depth):
    every = step61.checkpoint_every(depth) if checkpointed else 0
    info.update(step61.deep_memory_info(dezero, depth, every))
    net = step61.DeepMLP(dezero, depth)
    benchmark.pedantic(net.step, args=(every,), setup=bench.collect_garbage, rounds=ROUNDS,
                       warmup_rounds=1)


@pytest.mark.benchmark(group=step61.RATIO_GROUP)
def test_time_ratio(benchmark, info, dezero):
    """Each round: a plain step and a checkpointed one at the deepest N, alternating."""
    depth = max(step61.DEEP_DEPTHS)
    net = step61.DeepMLP(dezero, depth)
    pair = memory.Interleaved(net.step, 0, step61.checkpoint_every(depth), iterations=1,
                              repeats=3)
    benchmark.pedantic(pair.round, rounds=RATIO_ROUNDS, warmup_rounds=1)
    info.update(depth=depth, ratios=pair.ratios[1:])  # the warm-up round's left out


report = step61.report
