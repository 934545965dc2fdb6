"""Step 33's lesson: what Newton's method leaves behind, by how it uses cleargrad and
create_graph.

backward(create_graph=True) makes x.grad a Variable whose graph holds x: a reference cycle
(step 32). The book's loop breaks it (x.cleargrad() before the next backward, and a plain
second backward).

- The workload: Newton's method on x⁴ - 2x², three ways (NEWTON_VARIANTS); and step 17's
  loop on this step's code beside it: grads are Variables now, and a plain graph must still
  be freed at once.
- What it measures (untimed, the cyclic GC on, or off with kata.leaks.gc_off): the peak, and
  what is left after N and N / 2 iterations once the run dropped x.
- Its targets: the report `make bench STEP=33` prints (benchmarks/bench_step33.py times it).
"""

from __future__ import annotations

import tracemalloc
from dataclasses import asdict, dataclass

from kata.i18n import _
from kata.leaks import live_objects
from kata.measure import bench
from kata.measure.lessons import step17
from kata.measure.memory import RANDOM, cyclic_gc, traced

# -- the workload -----------------------------------------------------------------------------

NEWTON_SIZE = 10_000  # x holds this many starting points: Newton runs on each, elementwise
NEWTON_ITERS = 10  # the book's iterations
# variant: (x.cleargrad() before each backward?, the second backward with create_graph?)
NEWTON_VARIANTS = {
    "the book's loop": (True, False),
    "no cleargrad": (False, False),
    "create_graph twice": (True, True),
}


def variant_name(variant: str) -> str:
    """A variant's name (a NEWTON_VARIANTS key, as the JSON keeps it) in the learner's
    language."""
    names = {"the book's loop": _("the book's loop"), "no cleargrad": _("no cleargrad"),
             "create_graph twice": _("create_graph twice")}
    return names.get(variant, variant)


def newton_loop(dezero, variant: str, iters: int = NEWTON_ITERS, size: int = NEWTON_SIZE):
    """Newton's method on x⁴ - 2x² from x = 2 + (small noise), as step 33 writes it.

    "no cleargrad" lets the grads pile up (wrong values, but the last backward holds no
    graph); "create_graph twice" records the second backward too, so every leaf of the first
    derivative's graph gets a grad with a graph: cycles that x.cleargrad() does not reach.
    """
    clear, second_graph = NEWTON_VARIANTS[variant]
    x = dezero.Variable(2.0 + RANDOM.uniform(0.0, 0.1, size))
    for _iteration in range(iters):
        y = x ** 4 - 2 * x ** 2
        if clear:
            x.cleargrad()
        y.backward(create_graph=True)
        gx = x.grad
        if clear:
            x.cleargrad()
        gx.backward(create_graph=second_graph)
        x.data -= gx.data / x.grad.data
    return x.data


# -- what it measures -------------------------------------------------------------------------

@dataclass(frozen=True)
class NewtonMemory:
    """One Newton run, measured once (untimed) after it returned and dropped x."""

    iters: int
    peak: int  # bytes allocated at the run's worst moment
    retained: int  # bytes still allocated once the run has returned
    variables: int  # Variables still alive then
    functions: int  # Functions still alive then


def measure_newton(dezero, variant: str, gc_enabled: bool, iters: int = NEWTON_ITERS,
                   size: int = NEWTON_SIZE) -> NewtonMemory:
    """What newton_loop leaves behind, with the cyclic GC on or off."""
    newton_loop(dezero, variant, 1, size)  # warm-up
    with cyclic_gc(gc_enabled):
        before = live_objects(dezero)
        with traced():
            newton_loop(dezero, variant, iters, size)
            retained, peak = tracemalloc.get_traced_memory()
        after = live_objects(dezero)
    return NewtonMemory(iters, peak, retained, after["Variable"] - before["Variable"],
                        after["Function"] - before["Function"])


def newton_memory_info(dezero, variant: str, gc_enabled: bool) -> dict:
    """The extra_info of a step-33 benchmark: N iterations, and N / 2 for the growth."""
    full = measure_newton(dezero, variant, gc_enabled)
    half = measure_newton(dezero, variant, gc_enabled, NEWTON_ITERS // 2)
    return {**asdict(full), "variant": variant, "half_iters": half.iters,
            "half_retained": half.retained, "half_variables": half.variables,
            "array_bytes": NEWTON_SIZE * 8}


# -- the report and its targets ---------------------------------------------------------------

# The benchmarks' groups (benchmarks/bench_step33.py), which the report reads.
NEWTON_GROUP = "step33: Newton's method"
LOOP_GROUP = "step33: step 17's loop"


def report(results: dict) -> str:
    runs = bench.entries(results, NEWTON_GROUP)
    loops = bench.entries(results, LOOP_GROUP)
    rows = [[bench.label(e["impl"]), variant_name(e["variant"]), bench.gc_word(e["gc"]),
             f"{e['time'] * 1e3:.1f}", bench.megabytes(e["peak"]),
             bench.megabytes(e["half_retained"]), bench.megabytes(e["retained"]),
             e["variables"], e["functions"]] for e in runs]
    loop_rows = [[bench.label(e["impl"]), bench.gc_word(e["gc"]), f"{e['time'] * 1e3:.1f}",
                  bench.megabytes(e["peak"]), bench.megabytes(e["retained"]), e["variables"],
                  e["functions"]] for e in loops]
    first = runs[0]
    iters, half = first["iters"], first["half_iters"]
    return "\n".join([
        _("Newton's method on x⁴ - 2x², {iters} iterations, x = {size} starting points ({mb} MB "
          "an array)").format(iters=iters, size=f"{NEWTON_SIZE:,}",
                              mb=bench.megabytes(first["array_bytes"])),
        bench.table([_("implementation"), _("loop"), "GC", "ms", _("peak MB"),
                     _("{iters} it. MB").format(iters=half),
                     _("{iters} it. MB").format(iters=iters), _("Variables"), _("Functions")],
                    rows),
        *bench.notes(_(
            "ms: the fastest of {rounds} rounds. peak: tracemalloc, untimed; {half} it., {iters} "
            "it.: what is\n"
            "left after {half} and {iters} iterations, once the run dropped x (1 MB = 10^6 "
            "bytes). Variables,\n"
            "Functions: objects still alive then.\n"
            "the book's loop: x.cleargrad() before each backward, the second backward plain.\n"
            "no cleargrad: wrong iterates (the grads add up), but the last backward holds no "
            "graph.\n"
            "create_graph twice: the second backward recorded too; its cycles stay until the GC "
            "runs.").format(rounds=first["rounds"], half=half, iters=iters)),
        "",
        _("Step 17's loop on this step's code: {graphs} graphs of square(square(square(x))), "
          "x = randn({size})").format(graphs=loops[0]["graphs"], size=step17.BOOK_SIZE),
        bench.table([_("implementation"), "GC", "ms", _("peak MB"), _("left MB"),
                     _("Variables"), _("Functions")], loop_rows),
        *bench.notes(_("(make bench STEP=17 gives the same loop on step 16's and step 17's "
                       "code)")),
        *(line for impl in bench.measured_impls(runs) for line in [
            "", *bench.targets_for(impl, targets(runs, loops, impl))]),
    ])


def targets(runs: list[dict], loops: list[dict], impl: str) -> list[str]:
    """The targets, from one implementation's entries."""
    by = {(e["variant"], e["gc"]): e for e in runs if e["impl"] == impl}
    book, twice = by[("the book's loop", "off")], by[("create_graph twice", "off")]
    loop_off = next(e for e in loops if e["impl"] == impl and e["gc"] == "off")
    claims = [
        (book["variables"] == book["functions"] == 0,
         _("the book's loop, GC off, leaves nothing: {variables} Variables, {functions} "
           "Functions").format(variables=book["variables"], functions=book["functions"])),
        (twice["variables"] > twice["half_variables"] > 0,
         _("create_graph twice, GC off, leaves more the longer it runs: {half_variables} "
           "Variables after {half} iterations, {variables} after {iters} ({mb} MB)").format(
             half_variables=twice["half_variables"], half=twice["half_iters"],
             variables=twice["variables"], iters=twice["iters"],
             mb=bench.megabytes(twice["retained"]))),
        (loop_off["variables"] == loop_off["functions"] == 0,
         _("step 17's loop still leaves nothing at step 33, GC off: {variables} Variables, "
           "{functions} Functions").format(variables=loop_off["variables"],
                                           functions=loop_off["functions"])),
    ]
    return [bench.target(held, claim) for held, claim in claims]
