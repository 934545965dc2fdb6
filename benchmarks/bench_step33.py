"""Step 33: what Newton's method leaves behind, by how it uses cleargrad and create_graph.

backward(create_graph=True) makes x.grad a Variable whose graph holds x: a reference cycle
(step 32). The book's loop breaks it (x.cleargrad() before the next backward, and a plain
second backward). Memory goes into extra_info from separate, untimed passes
(kata.measure.memory.measure_newton); GC off means pytest-benchmark's disable_gc=True in the timed
rounds, and kata.leaks.gc_off in the memory passes. Step 17's loop runs on this step's code
beside it: grads are Variables now, and a plain graph must still be freed at once.
"""

import pytest

from kata.measure import bench, memory

STEP = 33
SOLUTIONS = (33,)
ROUNDS = 10
pytestmark = pytest.mark.timeout(300)  # the ini's 10 s is for learners' tests

NEWTON_GROUP = "step33: Newton's method"
LOOP_GROUP = "step33: step 17's loop"


def gc_settings(group: str) -> list:
    """GC on and off; only the nearest benchmark marker is read, so each carries its group."""
    return [pytest.param(True, id="gc-on", marks=pytest.mark.benchmark(group=group)),
            pytest.param(False, id="gc-off",
                         marks=pytest.mark.benchmark(group=group, disable_gc=True))]


@pytest.mark.parametrize("gc_enabled", gc_settings(NEWTON_GROUP))
@pytest.mark.parametrize("variant", list(memory.NEWTON_VARIANTS))
def test_newton(benchmark, info, dezero, variant, gc_enabled):
    info.update(gc="on" if gc_enabled else "off",
                **memory.newton_memory_info(dezero, variant, gc_enabled))
    benchmark.pedantic(memory.newton_loop, args=(dezero, variant), setup=bench.collect_garbage,
                       rounds=ROUNDS, warmup_rounds=1)


@pytest.mark.parametrize("gc_enabled", gc_settings(LOOP_GROUP))
def test_step17_loop(benchmark, info, dezero, gc_enabled):
    info.update(gc="on" if gc_enabled else "off", **memory.loop_memory_info(dezero, gc_enabled))
    benchmark.pedantic(memory.book_loop, args=(dezero,), setup=bench.collect_garbage, rounds=ROUNDS,
                       warmup_rounds=1)


# -- the report -------------------------------------------------------------------------------

def report(results: dict) -> str:
    runs = bench.entries(results, NEWTON_GROUP)
    loops = bench.entries(results, LOOP_GROUP)
    rows = [[e["label"], e["variant"], e["gc"], f"{e['time'] * 1e3:.1f}",
             bench.megabytes(e["peak"]), bench.megabytes(e["half_retained"]),
             bench.megabytes(e["retained"]), e["variables"], e["functions"]] for e in runs]
    loop_rows = [[e["label"], e["gc"], f"{e['time'] * 1e3:.1f}", bench.megabytes(e["peak"]),
                  bench.megabytes(e["retained"]), e["variables"], e["functions"]] for e in loops]
    first = runs[0]
    return "\n".join([
        f"Newton's method on x⁴ - 2x², {first['iters']} iterations, x = {memory.NEWTON_SIZE:,} "
        f"starting points ({bench.megabytes(first['array_bytes'])} MB an array)",
        bench.table(["implementation", "loop", "GC", "ms", "peak MB",
                     f"{first['half_iters']} it. MB", f"{first['iters']} it. MB", "Variables",
                     "Functions"], rows),
        f"  ms: the fastest of {first['rounds']} rounds. peak: tracemalloc, untimed; "
        f"{first['half_iters']} it., {first['iters']} it.: what is",
        f"  left after {first['half_iters']} and {first['iters']} iterations, once the run "
        "dropped x (1 MB = 10^6 bytes). Variables,",
        "  Functions: objects still alive then.",
        "  the book's loop: x.cleargrad() before each backward, the second backward plain.",
        "  no cleargrad: wrong iterates (the grads add up), but the last backward holds no "
        "graph.",
        "  create_graph twice: the second backward recorded too; its cycles stay until the "
        "GC runs.",
        "",
        f"Step 17's loop on this step's code: {loops[0]['graphs']} graphs of "
        f"square(square(square(x))), x = randn({memory.BOOK_SIZE})",
        bench.table(["implementation", "GC", "ms", "peak MB", "left MB", "Variables",
                     "Functions"], loop_rows),
        "  (make bench STEP=17 gives the same loop on step 16's and step 17's code)",
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
         f"the book's loop, GC off, leaves nothing: {book['variables']} Variables, "
         f"{book['functions']} Functions"),
        (twice["variables"] > twice["half_variables"] > 0,
         f"create_graph twice, GC off, leaves more the longer it runs: "
         f"{twice['half_variables']} Variables after {twice['half_iters']} iterations, "
         f"{twice['variables']} after {twice['iters']} "
         f"({bench.megabytes(twice['retained'])} MB)"),
        (loop_off["variables"] == loop_off["functions"] == 0,
         f"step 17's loop still leaves nothing at step 33, GC off: {loop_off['variables']} "
         f"Variables, {loop_off['functions']} Functions"),
    ]
    return [bench.target(held, claim) for held, claim in claims]
