"""Step 61 (beyond the book): what gradient checkpointing buys and costs. One training step
of an MLP of N blocks tanh(h W + b), for N up to 64, on the plain graph and with a
checkpoint every ceil(sqrt(N)) blocks.

The plain graph keeps every block's values until backward has passed them: its peak grows
with N. With checkpoints, only each segment's input is kept, and backward recomputes one
segment at a time: about 2 sqrt(N) blocks' values at once, for one more forward pass. The
batch (kata.measure.memory.DEEP_BATCH) is large enough that the values dominate: a block's are
eight times its parameters and their gradients. Time is pytest-benchmark's (the GC on); memory
goes into extra_info from a separate, untimed pass with the GC off
(kata.measure.memory.measure_deep). The time ratio at the deepest N is timed in alternating rounds
(kata.measure.memory.Interleaved), for the solution and, when it passes its tests, the learner's
code; the targets are given for each.
"""

import pytest

from kata.measure import bench, memory

STEP = 61
SOLUTIONS = (61,)
ROUNDS = 5
RATIO_ROUNDS = 12
PEAK_TARGET = 0.3  # the aims at the deepest N: peak beyond params and grads ...
TIME_TARGET = 1.5  # ... and the time of a step, checkpointed over plain
pytestmark = pytest.mark.timeout(600)  # the ini's 10 s is for learners' tests

GROUP = "step61: one training step"
RATIO_GROUP = "step61: checkpointed / plain, interleaved"


@pytest.mark.benchmark(group=GROUP)
@pytest.mark.parametrize("depth", memory.DEEP_DEPTHS)
@pytest.mark.parametrize("checkpointed", [False, True], ids=["plain", "checkpointed"])
def test_training_step(benchmark, info, dezero, checkpointed, depth):
    every = memory.checkpoint_every(depth) if checkpointed else 0
    info.update(memory.deep_memory_info(dezero, depth, every))
    net = memory.DeepMLP(dezero, depth)
    benchmark.pedantic(net.step, args=(every,), setup=bench.collect_garbage, rounds=ROUNDS,
                       warmup_rounds=1)


@pytest.mark.benchmark(group=RATIO_GROUP)
def test_time_ratio(benchmark, info, dezero):
    """Each round: a plain step and a checkpointed one at the deepest N, alternating."""
    depth = max(memory.DEEP_DEPTHS)
    net = memory.DeepMLP(dezero, depth)
    pair = memory.Interleaved(net.step, 0, memory.checkpoint_every(depth), iterations=1,
                              repeats=3)
    benchmark.pedantic(pair.round, rounds=RATIO_ROUNDS, warmup_rounds=1)
    info.update(depth=depth, ratios=pair.ratios[1:])  # the warm-up round's left out


# -- the report -------------------------------------------------------------------------------

def report(results: dict) -> str:
    runs = bench.entries(results, GROUP)
    rows = [[e["label"], e["depth"], e["every"] or "-", f"{e['time'] * 1e3:.0f}",
             bench.megabytes(e["peak"]), bench.megabytes(e["gradients"]),
             bench.megabytes(e["graph_peak"]), e["functions"]] for e in runs]
    first = runs[0]
    ratios = {e["impl"]: e for e in bench.entries(results, RATIO_GROUP)}
    lines = [
        f"One SGD step of an MLP of N blocks tanh(h W + b), width {first['width']}, batch "
        f"{first['batch']};",
        "a checkpoint every ceil(sqrt(N)) blocks (every), or none (-)",
        bench.table(["implementation", "N", "every", "ms", "peak MB", "grads MB",
                     "graph MB", "Functions kept"], rows),
        f"  ms: the fastest of {first['rounds']} rounds (GC on). peak: tracemalloc's high-water "
        "mark over",
        "  the step (the parameters were there before it); grads: the gradients it makes; "
        "graph: peak",
        "  less grads, what the graph adds. Functions kept: alive between forward and backward",
        "  (GC off, untimed; 1 MB = 10^6 bytes).",
    ]
    for impl in bench.measured_impls(runs):
        ratio = ratios[impl]
        lines += ["", *bench.targets_for(impl, targets(
            [e for e in runs if e["impl"] == impl], memory.Spread.of(ratio["ratios"]),
            ratio["depth"]))]
    return "\n".join(lines)


def targets(runs: list[dict], spread: memory.Spread, depth: int) -> list[str]:
    """The targets, from one implementation's entries and its time ratio."""
    by = {(e["every"] > 0, e["depth"]): e for e in runs}
    plain, cut = by[(False, depth)], by[(True, depth)]
    shallow = min(memory.DEEP_DEPTHS)
    peak_ratio = cut["graph_peak"] / plain["graph_peak"]
    plain_growth = plain["graph_peak"] / by[(False, shallow)]["graph_peak"]
    cut_growth = cut["graph_peak"] / by[(True, shallow)]["graph_peak"]
    return [
        bench.target(peak_ratio <= PEAK_TARGET,
                     f"at N = {depth}, the checkpointed graph's peak is {peak_ratio:.2f}x the "
                     f"plain graph's (aim: at most {PEAK_TARGET}x): "
                     f"{bench.megabytes(cut['graph_peak'])} MB against "
                     f"{bench.megabytes(plain['graph_peak'])} MB"),
        bench.target(cut_growth < plain_growth / 2,
                     f"from N = {shallow} to {depth}, the plain graph's peak grows "
                     f"{plain_growth:.1f} times, the checkpointed one's {cut_growth:.1f} times"),
        bench.ratio_target(spread, TIME_TARGET, f"at N = {depth}, a checkpointed step takes at "
                           f"most {TIME_TARGET}x a plain one (one more forward pass)"),
    ]
