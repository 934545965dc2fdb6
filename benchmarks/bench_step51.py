"""Step 51's benchmarks: the lesson is kata/measure/lessons/step51.py (one epoch with dezero
and in plain NumPy, one step's peak, the report and its targets); this file times it with
pytest-benchmark. The epoch's ratio is timed in alternating rounds
(kata.measure.memory.Interleaved) and judged by its median and spread.
"""

import pytest

from kata.measure import memory
from kata.measure.lessons import step51

STEP = 51
SOLUTIONS = (51,)
RATIO_ROUNDS = 5
pytestmark = pytest.mark.timeout(600)  # the ini's 10 s is for learners' tests


@pytest.mark.benchmark(group=step51.EPOCH_GROUP)
def test_epoch_ratio(benchmark, info, dezero):
    """Each round: the NumPy floor and dezero, one epoch each, alternating which goes first."""
    runs = {"numpy": step51.NumpyEpoch(dezero), "dezero": step51.DezeroEpoch(dezero)}
    pair = memory.Interleaved(lambda name: runs[name](), "numpy", "dezero", iterations=1,
                              repeats=1)
    benchmark.pedantic(pair.round, rounds=RATIO_ROUNDS, warmup_rounds=0)
    info.update(ratios=pair.ratios,
                batches=len(runs["numpy"].loader.dataset) // step51.MLP_BATCH)


@pytest.mark.benchmark(group=step51.MEMORY_GROUP)
@pytest.mark.parametrize("retain_grad", [False, True], ids=["retain_grad-False",
                                                            "retain_grad-True"])
def test_one_step(benchmark, info, dezero, retain_grad):
    info.update(retain_grad=retain_grad, peak=step51.one_step_peak(dezero, retain_grad))
    epoch = step51.DezeroEpoch(dezero, retain_grad)
    x, t = next(iter(epoch.loader))
    benchmark.pedantic(epoch.step, args=(x, t), rounds=10, warmup_rounds=1)


report = step51.report
