"""Step 59: what truncated backprop saves: training an RNN the book's way over sequences of
growing length, with and without loss.unchain_backward() after each window.

Without the cut, the RNN's state h holds the graph of every step since reset_state(): the
memory grows with the sequence, and each backward walks the whole history again (the time
grows faster than the length). With it, the graph never outgrows one window. Time is
pytest-benchmark's (the GC on, as in everyday use); memory goes into extra_info from a
separate, untimed pass with the GC off (kata.measure.memory.measure_rnn), so that what is counted
is what reference counting keeps.
"""

import pytest

from kata.measure import bench, memory

STEP = 59
SOLUTIONS = (59,)
ROUNDS = 3
pytestmark = pytest.mark.timeout(600)  # the ini's 10 s is for learners' tests

GROUP = "step59: RNN training"


@pytest.mark.benchmark(group=GROUP)
@pytest.mark.parametrize("length", memory.RNN_LENGTHS)
@pytest.mark.parametrize("unchain", [True, False], ids=["unchain", "no-unchain"])
def test_rnn_training(benchmark, info, dezero, unchain, length):
    info.update(memory.rnn_memory_info(dezero, length, unchain))
    benchmark.pedantic(memory.rnn_training, args=(dezero, length, unchain),
                       setup=bench.collect_garbage, rounds=ROUNDS, warmup_rounds=0)


# -- the report -------------------------------------------------------------------------------

def report(results: dict) -> str:
    runs = bench.entries(results, GROUP)
    rows = [[e["label"], "yes" if e["unchain"] else "no", e["length"],
             f"{e['time'] * 1e3:.0f}", bench.megabytes(e["peak"]), bench.megabytes(e["held"]),
             e["functions"]] for e in runs]
    first = runs[0]
    return "\n".join([
        f"SimpleRNN(hidden_size={first['hidden']}) trained the book's way on a sine wave, "
        f"bptt_length={first['bptt']}, Adam",
        bench.table(["implementation", "unchain", "time steps", "ms", "peak MB", "held MB",
                     "Functions held"], rows),
        f"  ms: the fastest of {first['rounds']} rounds (GC on). peak: tracemalloc's high-water "
        "mark during",
        "  training; held: memory still allocated at the end, the model alive; Functions "
        "held: the graph",
        "  behind the model's state then (GC off, untimed; 1 MB = 10^6 bytes).",
        *(line for impl in bench.measured_impls(runs) for line in [
            "", *bench.targets_for(impl, targets([e for e in runs if e["impl"] == impl]))]),
    ])


def targets(runs: list[dict]) -> list[str]:
    """The targets, from one implementation's entries."""
    solution = {(e["unchain"], e["length"]): e for e in runs}
    short, long = min(memory.RNN_LENGTHS), max(memory.RNN_LENGTHS)
    cut_short, cut_long = solution[(True, short)], solution[(True, long)]
    kept_short, kept_long = solution[(False, short)], solution[(False, long)]
    ratio = long / short
    claims = [
        (cut_long["peak"] < 1.2 * cut_short["peak"],
         f"with unchain_backward, the peak stays flat: {bench.megabytes(cut_short['peak'])} MB "
         f"over {short} steps, {bench.megabytes(cut_long['peak'])} MB over {long}"),
        (cut_long["functions"] <= 2,
         f"with unchain_backward, the state holds no graph at the end: "
         f"{cut_long['functions']} Functions after {long} steps"),
        (kept_long["peak"] > 0.6 * ratio * kept_short["peak"],
         f"without it, the peak grows with the sequence: {bench.megabytes(kept_short['peak'])}"
         f" MB over {short} steps, {bench.megabytes(kept_long['peak'])} MB over {long} "
         f"({kept_long['peak'] / kept_short['peak']:.1f} times, for {ratio:.0f} times the steps)"),
        (kept_long["functions"] > 0.9 * ratio * kept_short["functions"],
         f"without it, the state holds every step's functions: {kept_short['functions']} after "
         f"{short} steps, {kept_long['functions']} after {long}"),
        (kept_long["time"] / cut_long["time"] > 1.5,
         f"over {long} steps, training without the cut takes "
         f"{kept_long['time'] / cut_long['time']:.1f} times as long (each backward walks the "
         "whole history)"),
    ]
    return [bench.target(held, claim) for held, claim in claims]
