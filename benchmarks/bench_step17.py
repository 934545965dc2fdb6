"""Step 17: what weak outputs save on the book's loop, and what they cost per operation.

Time is pytest-benchmark's; memory goes into extra_info from separate, untimed passes (see
kata.measure.memory.measure_loop). GC off means pytest-benchmark's disable_gc=True: the cyclic GC is
off inside every timed round. Before each round, the setup collects what the previous one
left, so rounds start alike. The two timing targets are ratios of step 17 to step 16, so
they are measured apart, in alternating rounds (kata.measure.memory.Interleaved), and judged by the
median and spread of the rounds: no verdict when the spread straddles the target.
"""

import pytest

from kata.measure import bench, memory

STEP = 17
SOLUTIONS = (16, 17)
LOOP_ROUNDS = 25
RATIO_ROUNDS = 40
LOOP_RATIO_ROUNDS = 12
OP_LIMIT = 1.15  # the target: weakref costs at most 15% per operation
pytestmark = pytest.mark.timeout(300)  # the ini's 10 s is for learners' tests

LOOP_GROUP = "step17: book's loop"
OP_GROUP = "step17: per operation"
RATIO_GROUP = "step17: per operation, interleaved"
LOOP_RATIO_GROUP = "step17: book's loop, interleaved"

# Only the nearest benchmark marker is read, so each GC setting carries its whole marker.
GC_SETTINGS = [
    pytest.param(True, id="gc-on", marks=pytest.mark.benchmark(group=LOOP_GROUP)),
    pytest.param(False, id="gc-off",
                 marks=pytest.mark.benchmark(group=LOOP_GROUP, disable_gc=True)),
]


@pytest.mark.parametrize("gc_enabled", GC_SETTINGS)
def test_book_loop(benchmark, info, dezero, gc_enabled):
    info.update(gc="on" if gc_enabled else "off", **memory.loop_memory_info(dezero, gc_enabled))
    benchmark.pedantic(memory.book_loop, args=(dezero,), setup=bench.collect_garbage,
                       rounds=LOOP_ROUNDS, warmup_rounds=1)


@pytest.mark.benchmark(group=LOOP_RATIO_GROUP)
def test_book_loop_ratio(benchmark):
    """The book's loop, GC on, both solutions in each round; the ratios go into extra_info."""
    strong, weak = (memory.load(impl) for impl in memory.implementations(SOLUTIONS, STEP))
    pair = memory.Interleaved(memory.book_loop, strong, weak, iterations=1, repeats=3)
    benchmark.pedantic(pair.round, rounds=LOOP_RATIO_ROUNDS, warmup_rounds=1)
    benchmark.extra_info.update(impl="ratio", ratios=pair.ratios[-LOOP_RATIO_ROUNDS:])


@pytest.mark.benchmark(group=OP_GROUP)
def test_per_operation(benchmark, info, dezero):
    """The GC stays on, as in everyday use; 5 calls a round, and the stats are per call."""
    info.update(operations=memory.CHAIN_OPS)
    benchmark.pedantic(memory.chain_forward_backward, args=(dezero,), rounds=100, iterations=5,
                       warmup_rounds=1)


@pytest.mark.benchmark(group=RATIO_GROUP)
def test_per_operation_ratio(benchmark):
    """Each round times both solutions, one after the other; the ratios go into extra_info."""
    strong, weak = (memory.load(impl) for impl in memory.implementations(SOLUTIONS, STEP))
    pair = memory.Interleaved(memory.chain_forward_backward, strong, weak)
    benchmark.pedantic(pair.round, rounds=RATIO_ROUNDS, warmup_rounds=1)
    benchmark.extra_info.update(impl="ratio", ratios=pair.ratios[-RATIO_ROUNDS:])


# -- the report -------------------------------------------------------------------------------

def report(results: dict) -> str:
    loops = bench.entries(results, LOOP_GROUP)
    ops = bench.entries(results, OP_GROUP)
    by = {(e["impl"], e["gc"]): e for e in loops}
    reference = by[("step17-solution", "on")]["time"]
    graphs = loops[0]["graphs"]
    rows = [[e["label"], e["gc"], f"{e['time'] * 1e3:.1f}", f"{e['time'] / reference:.2f}",
             bench.megabytes(e["peak"]), bench.megabytes(e["retained"]), e["variables"],
             e["functions"]]
            for e in loops]
    per_op = {e["impl"]: e["time"] / e["operations"] for e in ops}
    spread = memory.Spread.of(bench.entries(results, RATIO_GROUP)[0]["ratios"])
    loop_spread = memory.Spread.of(bench.entries(results, LOOP_RATIO_GROUP)[0]["ratios"])
    return "\n".join([
        f"The book's loop: {graphs} graphs of square(square(square(x))), "
        f"x = randn({memory.BOOK_SIZE})",
        bench.table(["implementation", "GC", "ms", "time / step 17", "peak MB", "left MB",
                     "Variables", "Functions"], rows),
        f"  ms: the fastest of {loops[0]['rounds']} rounds. time / step 17: relative to the "
        "step-17 solution, GC on.",
        "  peak MB, left MB: memory at the loop's worst moment and after it (tracemalloc,",
        "  untimed; 1 MB = 10^6 bytes). Variables, Functions: objects alive after the loop.",
        "  step 17 / step 16, GC on, both in each round (the fastest of 3 loops each):",
        f"  {bench.spread_text(loop_spread)}.",
        "",
        f"Per operation: forward + backward through {memory.CHAIN_OPS} squares of a 0-d array",
        bench.table(["implementation", "µs per operation (fastest round)"], [
            [e["label"], f"{per_op[e['impl']] * 1e6:.2f}"] for e in ops]),
        "  step 17 / step 16, both in each round (the fastest of 5 timings each):",
        f"  {bench.spread_text(spread)}.",
        "  weakref costs a little per operation; the loop above shows what it saves.",
        "",
        "Targets for the step 16 and 17 solutions (this run):",
        *targets(by, spread, loop_spread),
        *(["", *bench.targets_for("step17-yours", weak_targets(by, "step17-yours", "your code",
                                                                "its"))]
          if ("step17-yours", "on") in by else []),
    ])


def weak_targets(by: dict, impl: str, name: str, names: str) -> list[str]:
    """What weak outputs must give, from one implementation's loops (GC on and off); `name`
    and `names` (its possessive) say whose."""
    weak_on, weak_off = by[(impl, "on")], by[(impl, "off")]
    graphs = weak_on["graphs"]
    worst, worst_short = (max(weak_on[key], weak_off[key]) for key in ("peak", "short_peak"))
    claims = [
        (memory.flat_at_two_graphs(worst, worst_short),
         f"{names} peak stays flat: {worst_short / 1e3:.1f} kB after "
         f"{weak_on['short_graphs']} graphs, {worst / 1e3:.1f} kB after {graphs}\n"
         f"(two graphs' arrays: {2 * memory.GRAPH_BYTES / 1e3:.1f} kB; the rest: their "
         "Python objects)"),
        (all(e[kind] == 0 for e in (weak_on, weak_off) for kind in ("variables", "functions")),
         f"{name} retains nothing: {weak_off['variables']} Variables, "
         f"{weak_off['functions']} Functions, GC off ({weak_on['variables']} and "
         f"{weak_on['functions']} GC on)"),
    ]
    return [bench.target(held, claim) for held, claim in claims]


def targets(by: dict, spread: memory.Spread, loop_spread: memory.Spread) -> list[str]:
    strong_off = by[("step16-solution", "off")]
    graphs = strong_off["graphs"]
    claims = [
        (strong_off["variables"] == memory.GRAPH_ARRAYS * graphs,
         f"step 16, GC off, retains every graph: {strong_off['variables']} Variables of "
         f"{memory.GRAPH_ARRAYS * graphs}, {bench.megabytes(strong_off['retained'])} MB"),
    ]
    return weak_targets(by, "step17-solution", "step 17", "step 17's") + [
        bench.target(held, claim) for held, claim in claims] + [
        bench.ratio_target(loop_spread, 1.0,
                           "GC on, step 17 runs the book's loop faster than step 16"),
        bench.ratio_target(spread, OP_LIMIT,
                           f"per operation, step 17 costs at most {OP_LIMIT - 1:.0%} more than "
                           "step 16"),
    ]
