"""Step 17's lesson: what weak outputs save on the book's loop, and what they cost per operation.

- The workload: the book's loop (each new graph of square(square(square(x))) replaces the
  previous one, which should then be freed), and a chain of squares on a 0-d array (the cost
  per operation, all overhead).
- What it measures (untimed, tracemalloc and objgraph): the loop's peak, what it leaves, and
  the Variables and Functions still alive, with the cyclic GC on or off.
- Its targets: the report `make bench STEP=17` prints (benchmarks/bench_step17.py times it).
- Its picture (`make plot STEP=17`): memory over the book's loop, graph after graph, for step
  16's solution with the cyclic GC on and off, step 17's solution, and your steps/step17
  code. It runs with the GC off, as the leak tests do, so a leak shows as a rising line.
"""

from __future__ import annotations

import tracemalloc
from dataclasses import asdict, dataclass

import numpy as np

from kata.i18n import _
from kata.layout import WORK, rel
from kata.leaks import live_objects
from kata.measure import bench, memory, plot
from kata.measure.memory import RANDOM, Impl, cyclic_gc, traced

# -- the workload -----------------------------------------------------------------------------

BOOK_SIZE = 10_000  # randn(10000), as in the book
BOOK_GRAPHS = 200  # graphs built one after the other
GRAPH_ARRAYS = 4  # x and its three squares: the arrays one graph holds
ARRAY_BYTES = BOOK_SIZE * 8
GRAPH_BYTES = GRAPH_ARRAYS * ARRAY_BYTES
CHAIN_OPS = 100  # per-operation cost: a chain of squares on a 0-d array


def book_graph(dezero):
    x = dezero.Variable(RANDOM.standard_normal(BOOK_SIZE))
    return dezero.square(dezero.square(dezero.square(x)))


def book_loop(dezero, graphs: int = BOOK_GRAPHS) -> None:
    """The book's loop: each new graph replaces the previous one, which should then be freed."""
    for _graph in range(graphs):
        _y = book_graph(dezero)  # the previous graph lives until this assignment, as in the book


def chain_forward_backward(dezero, ops: int = CHAIN_OPS) -> None:
    """Forward and backward through `ops` squares of a 0-d array: the cost is all overhead."""
    y = dezero.Variable(np.array(1.0))  # 1.0 squared stays 1.0; the grad, 2**ops, is finite
    for _op in range(ops):
        y = dezero.square(y)
    y.backward()


# -- what it measures -------------------------------------------------------------------------

@dataclass(frozen=True)
class LoopMemory:
    """The book's loop, measured once: bytes per tracemalloc, objects per objgraph."""

    graphs: int
    peak: int  # bytes allocated at the worst moment of the loop
    retained: int  # bytes still allocated once the loop is over
    variables: int  # Variables still alive once the loop is over
    functions: int  # Functions still alive once the loop is over


def measure_loop(dezero, graphs: int, gc_enabled: bool) -> LoopMemory:
    """Memory of `book_loop(dezero, graphs)`, with the cyclic GC on or off (untimed)."""
    book_loop(dezero, 1)  # warm-up: the first random draw's set-up is not the loop's memory
    with cyclic_gc(gc_enabled):
        before = live_objects(dezero)
        with traced():
            book_loop(dezero, graphs)
            retained, peak = tracemalloc.get_traced_memory()
        after = live_objects(dezero)  # before the GC is restored: what the loop left behind
    return LoopMemory(graphs, peak, retained, after["Variable"] - before["Variable"],
                      after["Function"] - before["Function"])


def flat_at_two_graphs(peak: int, short_peak: int) -> bool:
    """A loop 4 times longer peaks within one array of the short one, and under 9 arrays.

    In the book's loop the previous graph is alive while the next one is built: 8 arrays
    (two graphs') plus a few kB of Python objects is the least a peak can be.
    """
    return peak - short_peak < ARRAY_BYTES and peak < 2 * GRAPH_BYTES + ARRAY_BYTES


def loop_memory_info(dezero, gc_enabled: bool) -> dict:
    """The extra_info of a book-loop benchmark: a full loop, and a loop 4 times shorter."""
    full = measure_loop(dezero, BOOK_GRAPHS, gc_enabled)
    short = measure_loop(dezero, BOOK_GRAPHS // 4, gc_enabled)
    return {**asdict(full), "short_graphs": short.graphs, "short_peak": short.peak,
            "graph_bytes": GRAPH_BYTES}


# -- the report and its targets ---------------------------------------------------------------

OP_LIMIT = 1.15  # the target: weakref costs at most 15% per operation

# The benchmarks' groups (benchmarks/bench_step17.py), which the report reads.
LOOP_GROUP = "step17: book's loop"
OP_GROUP = "step17: per operation"
RATIO_GROUP = "step17: per operation, interleaved"
LOOP_RATIO_GROUP = "step17: book's loop, interleaved"


def report(results: dict) -> str:
    loops = bench.entries(results, LOOP_GROUP)
    ops = bench.entries(results, OP_GROUP)
    by = {(e["impl"], e["gc"]): e for e in loops}
    reference = by[("step17-solution", "on")]["time"]
    graphs = loops[0]["graphs"]
    rows = [[bench.label(e["impl"]), bench.gc_word(e["gc"]), f"{e['time'] * 1e3:.1f}",
             f"{e['time'] / reference:.2f}", bench.megabytes(e["peak"]),
             bench.megabytes(e["retained"]), e["variables"], e["functions"]]
            for e in loops]
    per_op = {e["impl"]: e["time"] / e["operations"] for e in ops}
    spread = memory.Spread.of(bench.entries(results, RATIO_GROUP)[0]["ratios"])
    loop_spread = memory.Spread.of(bench.entries(results, LOOP_RATIO_GROUP)[0]["ratios"])
    return "\n".join([
        _("The book's loop: {graphs} graphs of square(square(square(x))), x = randn({size})")
        .format(graphs=graphs, size=BOOK_SIZE),
        bench.table([_("implementation"), "GC", "ms", _("time / step 17"), _("peak MB"),
                     _("left MB"), _("Variables"), _("Functions")], rows),
        *bench.notes(_(
            "ms: the fastest of {rounds} rounds. time / step 17: relative to the step-17 "
            "solution, GC on.\n"
            "peak MB, left MB: memory at the loop's worst moment and after it (tracemalloc,\n"
            "untimed; 1 MB = 10^6 bytes). Variables, Functions: objects alive after the loop.\n"
            "step 17 / step 16, GC on, both in each round (the fastest of 3 loops each):\n"
            "{spread}.").format(rounds=loops[0]["rounds"], spread=bench.spread_text(loop_spread))),
        "",
        _("Per operation: forward + backward through {ops} squares of a 0-d array").format(
            ops=CHAIN_OPS),
        bench.table([_("implementation"), _("µs per operation (fastest round)")], [
            [bench.label(e["impl"]), f"{per_op[e['impl']] * 1e6:.2f}"] for e in ops]),
        *bench.notes(_(
            "step 17 / step 16, both in each round (the fastest of 5 timings each):\n"
            "{spread}.\n"
            "weakref costs a little per operation; the loop above shows what it saves.").format(
                spread=bench.spread_text(spread))),
        "",
        _("Targets for the step 16 and 17 solutions (this run):"),
        *targets(by, spread, loop_spread),
        *(["", *bench.targets_for("step17-yours", weak_targets(by, "step17-yours"))]
          if ("step17-yours", "on") in by else []),
    ])


def weak_targets(by: dict, impl: str) -> list[str]:
    """What weak outputs must give, from one implementation's loops (GC on and off): the
    step 17 solution's, or the learner's code's (`step17-yours`)."""
    weak_on, weak_off = by[(impl, "on")], by[(impl, "off")]
    yours = impl == "step17-yours"
    graphs = weak_on["graphs"]
    worst, worst_short = (max(weak_on[key], weak_off[key]) for key in ("peak", "short_peak"))
    flat = (_("its peak stays flat: {short_kb} kB after {short} graphs, {kb} kB after {graphs}")
            if yours else _("step 17's peak stays flat: {short_kb} kB after {short} graphs, "
                            "{kb} kB after {graphs}"))
    nothing = (_("your code retains nothing: {variables} Variables, {functions} Functions, GC "
                 "off ({variables_on} and {functions_on} GC on)")
               if yours else _("step 17 retains nothing: {variables} Variables, {functions} "
                               "Functions, GC off ({variables_on} and {functions_on} GC on)"))
    claims = [
        (flat_at_two_graphs(worst, worst_short),
         flat.format(short_kb=f"{worst_short / 1e3:.1f}", short=weak_on["short_graphs"],
                     kb=f"{worst / 1e3:.1f}", graphs=graphs) + "\n"
         + _("(two graphs' arrays: {kb} kB; the rest: their Python objects)").format(
             kb=f"{2 * GRAPH_BYTES / 1e3:.1f}")),
        (all(e[kind] == 0 for e in (weak_on, weak_off) for kind in ("variables", "functions")),
         nothing.format(variables=weak_off["variables"], functions=weak_off["functions"],
                        variables_on=weak_on["variables"], functions_on=weak_on["functions"])),
    ]
    return [bench.target(held, claim) for held, claim in claims]


def targets(by: dict, spread: memory.Spread, loop_spread: memory.Spread) -> list[str]:
    strong_off = by[("step16-solution", "off")]
    graphs = strong_off["graphs"]
    claims = [
        (strong_off["variables"] == GRAPH_ARRAYS * graphs,
         _("step 16, GC off, retains every graph: {variables} Variables of {expected}, {mb} MB")
         .format(variables=strong_off["variables"], expected=GRAPH_ARRAYS * graphs,
                 mb=bench.megabytes(strong_off["retained"]))),
    ]
    return weak_targets(by, "step17-solution") + [
        bench.target(held, claim) for held, claim in claims] + [
        bench.ratio_target(loop_spread, 1.0,
                           _("GC on, step 17 runs the book's loop faster than step 16")),
        bench.ratio_target(spread, OP_LIMIT,
                           _("per operation, step 17 costs at most {percent} more than step 16")
                           .format(percent=f"{OP_LIMIT - 1:.0%}")),
    ]


# -- the picture: make plot STEP=17 -----------------------------------------------------------

PLOT_GRAPHS = 200
OUTPUT = WORK / "plots" / "step17-memory.png"

# (implementation, cyclic GC on?, legend)
LINES = [
    (Impl(16, "solutions"), True, "step 16 solution, GC on"),
    (Impl(16, "solutions"), False, "step 16 solution, GC off"),
    (Impl(17, "solutions"), False, "step 17 solution, GC off"),
    (Impl(17, "steps"), False, "your step 17 code, GC off"),
]


def memory_curve(dezero, graphs: int, gc_enabled: bool) -> np.ndarray:
    """Bytes in use (tracemalloc) after each graph of the book's loop."""
    book_loop(dezero, 1)  # warm-up: np.random's lazy set-up is not the loop's memory
    sizes = np.zeros(graphs, dtype=np.int64)  # made before tracing, so it is not measured
    with cyclic_gc(gc_enabled), traced():
        for i in range(graphs):
            _y = book_graph(dezero)  # the previous graph lives until here, as in the book
            sizes[i] = tracemalloc.get_traced_memory()[0]
    return sizes


def curves(graphs: int = PLOT_GRAPHS) -> dict[str, np.ndarray]:
    """The picture's lines: the book's loop, GC on or off."""
    return plot.measured(LINES,
                         lambda dezero, gc_enabled: memory_curve(dezero, graphs, gc_enabled))


def picture(plt) -> str:
    """`make plot STEP=17`: the lines drawn into OUTPUT; returns the line to print."""
    plot.draw_lines(plt, curves(PLOT_GRAPHS), OUTPUT, "Step 17: memory in the book's loop, "
                    "y = square(square(square(x))), x = randn(10000)", plot.after_each("graph"))
    return _("memory over the book's loop: {path}").format(path=rel(OUTPUT))
