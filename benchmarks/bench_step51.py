"""Step 51: what the framework costs. One epoch of the book's MLP((1000, 10)) on the shipped
sample (5000 images, batch 100, SGD), with step 51's dezero and with the same network in
plain NumPy, gradients derived by hand (kata.measure.memory.NumpyEpoch: the floor). The ratio is
timed in alternating rounds (kata.measure.memory.Interleaved) and judged by its median and spread.
Then peak memory of one training step with backward(retain_grad=False) and True, as at
step 18: the intermediate grads kept are what retain_grad=True costs.
"""

import pytest

from kata.measure import bench, memory

STEP = 51
SOLUTIONS = (51,)
RATIO_ROUNDS = 5
TARGET = 1.5  # the aim: framework overhead under 1.5x the floor
pytestmark = pytest.mark.timeout(600)  # the ini's 10 s is for learners' tests

EPOCH_GROUP = "step51: one epoch"
MEMORY_GROUP = "step51: one step's peak"


@pytest.mark.benchmark(group=EPOCH_GROUP)
def test_epoch_ratio(benchmark, info, dezero):
    """Each round: the NumPy floor and dezero, one epoch each, alternating which goes first."""
    runs = {"numpy": memory.NumpyEpoch(dezero), "dezero": memory.DezeroEpoch(dezero)}
    pair = memory.Interleaved(lambda name: runs[name](), "numpy", "dezero", iterations=1,
                              repeats=1)
    benchmark.pedantic(pair.round, rounds=RATIO_ROUNDS, warmup_rounds=0)
    info.update(ratios=pair.ratios,
                batches=len(runs["numpy"].loader.dataset) // memory.MLP_BATCH)


@pytest.mark.benchmark(group=MEMORY_GROUP)
@pytest.mark.parametrize("retain_grad", [False, True], ids=["retain_grad-False",
                                                            "retain_grad-True"])
def test_one_step(benchmark, info, dezero, retain_grad):
    info.update(retain_grad=retain_grad, peak=memory.one_step_peak(dezero, retain_grad))
    epoch = memory.DezeroEpoch(dezero, retain_grad)
    x, t = next(iter(epoch.loader))
    benchmark.pedantic(epoch.step, args=(x, t), rounds=10, warmup_rounds=1)


# -- the report -------------------------------------------------------------------------------

def report(results: dict) -> str:
    epochs = bench.entries(results, EPOCH_GROUP)
    ratio = epochs[0]
    steps = bench.entries(results, MEMORY_GROUP)
    rows = [[e["label"], str(e["retain_grad"]), f"{e['time'] * 1e3:.1f}",
             bench.megabytes(e["peak"])] for e in steps]
    peak = {(e["impl"], e["retain_grad"]): e["peak"] for e in steps}
    return "\n".join([
        f"One epoch of MLP((1000, 10)) on the offline sample ({ratio['batches']} batches of "
        f"{memory.MLP_BATCH}), dezero against plain NumPy:",
        *(line for e in epochs for line in [
            f"  {bench.whose(e['impl'])}: {bench.spread_text(memory.Spread.of(e['ratios']))}",
            bench.ratio_target(memory.Spread.of(e["ratios"]), TARGET,
                               f"{bench.whose(e['impl'])}'s epoch within {TARGET}x the NumPy "
                               "floor")]),
        "",
        bench.table(["implementation", "retain_grad", "ms a step", "peak MB"], rows),
        "  peak: tracemalloc over one training step (forward, backward, update), untimed.",
        *(bench.target(peak[(impl, True)] > peak[(impl, False)],
                       f"{bench.whose(impl)}: retain_grad=True keeps the intermediate grads, "
                       f"{bench.megabytes(peak[(impl, True)] - peak[(impl, False)])} MB more "
                       "at the peak") for impl in bench.measured_impls(steps)),
    ])
