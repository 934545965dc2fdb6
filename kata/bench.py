"""`make bench STEP=N`: what step 17's weak references and step 18's memory-saving modes buy.

The measurements are pytest-benchmark tests in benchmarks/bench_stepNN.py; this module holds
what they share with `make plot` and the runner's tests (the implementations compared, the
book's loop, the memory probes), runs them, and prints a readable table after
pytest-benchmark's own (whose terminal table shows time only).

Time comes from pytest-benchmark. Memory comes from a separate, untimed pass after a warm-up:
tracemalloc slows Python code several times, so it never runs inside a timed region. Timings
vary between runs (a lot on a busy machine), so the targets are printed, never asserted; the
deterministic facts (objects retained, a flat peak) are checked by tests/runner/test_bench.py.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import json
import re
import subprocess
import sys
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from kata.layout import BENCHMARKS, ROOT, WORK, UsageError, dezero_path, impl_dir, rel

BENCH_STEPS = (17, 18)
RESULTS = WORK / "bench"  # git-ignored: the JSON of the last run of each step
SOLUTIONS_COMPARED = {17: (16, 17), 18: (18,)}  # the learner's own step joins when it passes
MB = 1e6  # tables show decimal megabytes: an array of 10,000 floats is 0.08 MB


# -- the implementations compared ---------------------------------------------------------------

@dataclass(frozen=True)
class Impl:
    """One `dezero` to measure: a step's reference solution or the learner's code."""

    step: int
    impl: str  # "solutions" or "steps" (the learner's)

    @property
    def solution(self) -> bool:
        return self.impl == "solutions"

    @property
    def key(self) -> str:  # in test ids and the JSON
        return f"step{self.step}-{'solution' if self.solution else 'yours'}"

    @property
    def label(self) -> str:  # in the tables
        return f"step {self.step} solution" if self.solution else f"your step {self.step}"

    @property
    def path(self) -> Path:
        return dezero_path(impl_dir(self.step, self.impl))

    @property
    def module_name(self) -> str:  # unique, so several load side by side
        return f"dezero_step{self.step:02d}_{'solution' if self.solution else 'learner'}"


def compared(step: int, learner: bool = False) -> list[Impl]:
    """What `make bench STEP=step` measures; the learner's code only when asked for."""
    impls = [Impl(number, "solutions") for number in SOLUTIONS_COMPARED[step]]
    return impls + [Impl(step, "steps")] if learner else impls


def load(impl: Impl):
    """Import an implementation from its file, once, under its own module name."""
    if impl.module_name in sys.modules:
        return sys.modules[impl.module_name]
    spec = importlib.util.spec_from_file_location(impl.module_name, impl.path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[impl.module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[impl.module_name]
        raise
    return module


def learner_left_out(step: int) -> str | None:
    """Why the learner's code of `step` is not measured, or None when it is.

    The test is the step's own test run (every test that applies to it, as `make test STEP=N`
    runs them, the warm-up exercise's too), not a quicker functional check: code that fails a
    test may compute wrong results, and timing wrong code says nothing. It costs one pytest
    run, stopped at the first failure (about 2 s for step 17).
    """
    from kata.testrun import pytest_command

    learner = Impl(step, "steps")
    if not learner.path.exists():
        return f"your step {step} code is left out: there is no {rel(learner.path)}"
    command = pytest_command(step, "steps", extra=("-x",))
    if subprocess.run(command, cwd=ROOT, capture_output=True, check=False).returncode == 0:
        return None
    return (f"your step {step} code ({rel(learner.path)}) is left out: "
            f"its tests do not pass yet (make test STEP={step})")


# -- step 17: the book's loop -----------------------------------------------------------------

BOOK_SIZE = 10_000  # randn(10000), as in the book
BOOK_GRAPHS = 200  # graphs built one after the other
GRAPH_ARRAYS = 4  # x and its three squares: the arrays one graph holds
ARRAY_BYTES = BOOK_SIZE * 8
GRAPH_BYTES = GRAPH_ARRAYS * ARRAY_BYTES
CHAIN_OPS = 100  # per-operation cost: a chain of squares on a 0-d array


def book_graph(dezero):
    x = dezero.Variable(np.random.randn(BOOK_SIZE))
    return dezero.square(dezero.square(dezero.square(x)))


def book_loop(dezero, graphs: int = BOOK_GRAPHS) -> None:
    """The book's loop: each new graph replaces the previous one, which should then be freed."""
    for _ in range(graphs):
        _y = book_graph(dezero)  # the previous graph lives until this assignment, as in the book


def chain_forward_backward(dezero, ops: int = CHAIN_OPS) -> None:
    """Forward and backward through `ops` squares of a 0-d array: the cost is all overhead."""
    y = dezero.Variable(np.array(1.0))  # 1.0 squared stays 1.0; the grad, 2**ops, is finite
    for _ in range(ops):
        y = dezero.square(y)
    y.backward()


@contextlib.contextmanager
def cyclic_gc(enabled: bool):
    """Run a block with the cyclic GC on (as usual) or off, starting from a collected heap.

    Afterwards, what the block left in cycles is collected, so the next measurement starts
    clean.
    """
    from kata.leaks import gc_off

    gc.collect()
    try:
        with contextlib.nullcontext() if enabled else gc_off():
            yield
    finally:
        gc.collect()


@contextlib.contextmanager
def traced():
    """tracemalloc on for a block; yields nothing, read it with tracemalloc.get_traced_memory."""
    if tracemalloc.is_tracing():
        raise RuntimeError("tracemalloc is already tracing: memory would be measured twice")
    tracemalloc.start()
    try:
        yield
    finally:
        tracemalloc.stop()


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
    from kata.leaks import live_objects

    book_loop(dezero, 1)  # warm-up: np.random's lazy set-up is not the loop's memory
    with cyclic_gc(gc_enabled):
        before = live_objects(dezero)
        with traced():
            book_loop(dezero, graphs)
            retained, peak = tracemalloc.get_traced_memory()
        after = live_objects(dezero)  # before the GC is restored: what the loop left behind
    return LoopMemory(graphs, peak, retained, after["Variable"] - before["Variable"],
                      after["Function"] - before["Function"])


def loop_memory_info(dezero, gc_enabled: bool) -> dict:
    """The extra_info of a book-loop benchmark: a full loop, and a loop 4 times shorter."""
    full = measure_loop(dezero, BOOK_GRAPHS, gc_enabled)
    short = measure_loop(dezero, BOOK_GRAPHS // 4, gc_enabled)
    return {**asdict(full), "short_graphs": short.graphs, "short_peak": short.peak,
            "graph_bytes": GRAPH_BYTES}


# -- step 18: a chain over large arrays --------------------------------------------------------

BIG_SIZE = 250_000  # floats: 2 MB an array, so the arrays dwarf the Python objects
CHAIN = 10  # squares in the chain: 11 values from x to y


def big_chain(dezero):
    """x and CHAIN squares of it; x holds ones, so the values stay finite however long."""
    y = x = dezero.Variable(np.ones(BIG_SIZE))
    for _ in range(CHAIN):
        y = dezero.square(y)
    return x, y


def forward_backward(dezero, retain_grad: bool) -> None:
    _x, y = big_chain(dezero)
    y.backward(retain_grad=retain_grad)


def forward(dezero, graph: bool) -> None:
    if graph:
        big_chain(dezero)
    else:
        with dezero.no_grad():
            big_chain(dezero)


# Each case: what the table calls it, and the arrays that must be alive at once (how many, which).
VALUES = CHAIN + 1  # x and its CHAIN squares
CASES = {
    (forward_backward, False): ("forward+backward, retain_grad=False", VALUES + 2,
                                f"{VALUES} values + the grad in + the grad out"),
    (forward_backward, True): ("forward+backward, retain_grad=True", 2 * VALUES,
                               f"{VALUES} values + {VALUES} grads"),
    (forward, True): ("forward, graph kept", VALUES, f"{VALUES} values, kept for backward"),
    (forward, False): ("forward under no_grad()", 3, "x + the value in + the value out"),
}


def peak_memory(run, *args) -> int:
    """tracemalloc's peak, in bytes, of one call of run(*args), after a warm-up call."""
    run(*args)
    gc.collect()
    with traced():
        run(*args)
        return tracemalloc.get_traced_memory()[1]


def chain_memory_info(run, dezero, switch: bool) -> dict:
    """The extra_info of a step-18 benchmark: its peak next to its theoretical minimum."""
    what, arrays, which = CASES[run, switch]
    return {"what": what, "peak": peak_memory(run, dezero, switch), "minimum_arrays": arrays,
            "which": which, "array_bytes": BIG_SIZE * 8}


# -- running the benchmarks and reading their JSON ----------------------------------------------

def bench_file(step: int) -> Path:
    return BENCHMARKS / f"bench_step{step}.py"


def results_file(step: int) -> Path:
    return RESULTS / f"step{step}.json"


def bench_command(files: list[Path], *options: str) -> list[str]:
    """pytest on benchmark files, without the kata plugin: no step to pick, no dezero fixture.

    Overriding addopts also drops its --benchmark-skip, which would skip a smoke run.
    """
    return [sys.executable, "-m", "pytest", *map(str, files), "-o", "addopts=-p no:cacheprovider",
            "--no-header", *options]


def available(step: int) -> bool:
    """Whether the solutions a step's benchmarks compare exist (they are written step by step)."""
    return all(impl.path.exists() for impl in compared(step))


def smoke() -> int:
    """Run every benchmark once, untimed (for `make verify`); returns pytest's exit code.

    Never gated on a timing: the bodies run once and the memory passes run as usual.
    """
    files = [bench_file(step) for step in BENCH_STEPS if available(step)]
    if not files:
        return 0
    command = bench_command(files, "--benchmark-disable", "-q")
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        print(completed.stdout + completed.stderr)
    return completed.returncode


def entries(results: dict, group: str) -> list[dict]:
    """The benchmarks of one group, in the run's order: extra_info, plus `time` in seconds.

    The time is the fastest round: on a shared machine, slower rounds mostly measure other
    processes (the median and the rest are in the JSON).
    """
    return [{**b["extra_info"], "time": b["stats"]["min"], "rounds": b["stats"]["rounds"]}
            for b in results["benchmarks"] if b["group"] == group]


# -- tables -----------------------------------------------------------------------------------

NUMBER = re.compile(r"^[-+]?\d[\d,.]*%?$")
LOOP_GROUP = "step17: book's loop"
OP_GROUP = "step17: per operation"
BACKWARD_GROUP = "step18: forward + backward"
FORWARD_GROUP = "step18: forward"


def table(headers: list[str], rows: list[list]) -> str:
    """Columns padded to fit: numbers right-aligned, words left-aligned."""
    columns = list(zip(headers, *rows))
    widths = [max(len(str(cell)) for cell in column) for column in columns]
    numeric = [all(NUMBER.match(str(cell)) for cell in column[1:]) for column in columns]

    def line(cells):
        return "  ".join(str(cell).rjust(width) if right else str(cell).ljust(width)
                         for cell, width, right in zip(cells, widths, numeric)).rstrip()

    return "\n".join([line(headers), line("-" * width for width in widths),
                      *(line(row) for row in rows)])


def megabytes(size: float) -> str:
    return f"{size / MB:.2f}"


def step17_report(results: dict) -> str:
    loops = entries(results, LOOP_GROUP)
    ops = entries(results, OP_GROUP)
    by = {(e["impl"], e["gc"]): e for e in loops}
    reference = by[("step17-solution", "on")]["time"]
    graphs = loops[0]["graphs"]
    rows = [[e["label"], e["gc"], f"{e['time'] * 1e3:.1f}", f"{e['time'] / reference:.2f}",
             megabytes(e["peak"]), megabytes(e["retained"]), e["variables"], e["functions"]]
            for e in loops]
    per_op = {e["impl"]: e["time"] / e["operations"] for e in ops}
    return "\n".join([
        f"The book's loop: {graphs} graphs of square(square(square(x))), x = randn({BOOK_SIZE})",
        table(["implementation", "GC", "ms", "time / step 17", "peak MB", "left MB",
               "Variables", "Functions"], rows),
        f"  ms: the fastest of {loops[0]['rounds']} rounds. time / step 17: relative to the "
        "step-17 solution, GC on.",
        "  peak MB, left MB: memory at the loop's worst moment and after it (tracemalloc,",
        "  untimed; 1 MB = 10^6 bytes). Variables, Functions: objects alive after the loop.",
        "",
        f"Per operation: forward + backward through {CHAIN_OPS} squares of a 0-d array",
        table(["implementation", "µs per operation", "vs step 16"], [
            [e["label"], f"{per_op[e['impl']] * 1e6:.2f}",
             f"{per_op[e['impl']] / per_op['step16-solution'] - 1:+.1%}"] for e in ops]),
        "  weakref costs a little per operation; the loop above shows what it saves.",
        "",
        "Targets (this run):",
        *step17_targets(by, per_op),
    ])


def flat_at_two_graphs(peak: int, short_peak: int) -> bool:
    """A loop 4 times longer peaks within one array of the short one, and under 9 arrays.

    In the book's loop the previous graph is alive while the next one is built: 8 arrays
    (two graphs') plus a few kB of Python objects is the least a peak can be.
    """
    return peak - short_peak < ARRAY_BYTES and peak < 2 * GRAPH_BYTES + ARRAY_BYTES


def step17_targets(by: dict, per_op: dict) -> list[str]:
    weak_on, weak_off = by[("step17-solution", "on")], by[("step17-solution", "off")]
    strong_on, strong_off = by[("step16-solution", "on")], by[("step16-solution", "off")]
    graphs = weak_on["graphs"]
    worst, worst_short = (max(weak_on[key], weak_off[key]) for key in ("peak", "short_peak"))
    ratio = per_op["step17-solution"] / per_op["step16-solution"]
    claims = [
        (flat_at_two_graphs(worst, worst_short),
         f"step-17 solution's peak stays flat: {worst_short / 1e3:.1f} kB after "
         f"{weak_on['short_graphs']} graphs, {worst / 1e3:.1f} kB after {graphs}\n"
         f"          (two graphs' arrays: {2 * GRAPH_BYTES / 1e3:.1f} kB; the rest: their "
         "Python objects)"),
        (all(e[kind] == 0 for e in (weak_on, weak_off) for kind in ("variables", "functions")),
         f"step-17 solution retains nothing: {weak_off['variables']} Variables, "
         f"{weak_off['functions']} Functions, GC off ({weak_on['variables']} and "
         f"{weak_on['functions']} GC on)"),
        (strong_off["variables"] == GRAPH_ARRAYS * graphs,
         f"step 16, GC off, retains every graph: {strong_off['variables']} Variables of "
         f"{GRAPH_ARRAYS * graphs}, {megabytes(strong_off['retained'])} MB"),
        (weak_on["time"] < strong_on["time"],
         f"GC on, the step-17 solution beats step 16: "
         f"{weak_on['time'] * 1e3:.1f} ms vs {strong_on['time'] * 1e3:.1f} ms"),
        (ratio <= 1.15,
         f"per operation, step 17 costs at most 15% more than step 16: {ratio - 1:+.1%}"),
    ]
    return [f"  {'met   ' if held else 'MISSED'}  {claim}" for held, claim in claims]


def step18_report(results: dict) -> str:
    cases = sorted(entries(results, BACKWARD_GROUP) + entries(results, FORWARD_GROUP),
                   key=lambda entry: entry["impl"])  # the solution first, then yours
    rows = []
    for entry in cases:
        minimum = entry["minimum_arrays"] * entry["array_bytes"]
        rows.append([entry["label"], entry["what"], f"{entry['time'] * 1e3:.1f}",
                     megabytes(entry["peak"]), megabytes(minimum), f"{entry['peak'] / minimum:.2f}",
                     entry["minimum_arrays"], entry["which"]])
    array_mb = megabytes(BIG_SIZE * 8)
    return "\n".join([
        f"A chain of {CHAIN} squares over arrays of {BIG_SIZE:,} floats ({array_mb} MB each)",
        table(["implementation", "what", "ms", "peak MB", "min MB", "peak/min", "arrays",
               "that must be alive at once"], rows),
        f"  ms: the fastest of {cases[0]['rounds']} rounds. peak MB: tracemalloc, untimed "
        "(1 MB = 10^6 bytes).",
        f"  min MB: the theoretical minimum, the arrays that must be alive at once times "
        f"{array_mb} MB.",
    ])


REPORTS = {17: step17_report, 18: step18_report}


# -- the command ------------------------------------------------------------------------------

def add_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)


def run(args) -> int:
    from kata.layout import parse_step

    step = parse_step(args.step)
    if step not in BENCH_STEPS:
        raise UsageError(f"benchmarks exist for steps {' and '.join(map(str, BENCH_STEPS))}, "
                         f"not step {step}")
    if not available(step):
        missing = ", ".join(rel(impl.path) for impl in compared(step) if not impl.path.exists())
        raise UsageError(f"step {step}'s benchmarks need {missing}")
    left_out = learner_left_out(step)
    print(left_out or f"your step {step} code passes its tests: it is measured too", flush=True)
    results = results_file(step)
    options = ["-q", f"--benchmark-json={results}", "--benchmark-only",
               "--benchmark-columns=min,median,max,iqr,rounds"]
    if left_out is None:
        options.append("--with-learner")
    RESULTS.mkdir(parents=True, exist_ok=True)
    results.unlink(missing_ok=True)  # an earlier run's figures must not pass for this run's
    code = subprocess.call(bench_command([bench_file(step)], *options), cwd=ROOT)
    if results.exists():
        print(flush=True)
        print(report(step, json.loads(results.read_text(encoding="utf-8"))))
    return code


def report(step: int, results: dict) -> str:
    """The step's tables, or one line when a solution's benchmark failed (they need them all)."""
    measured = {benchmark["extra_info"].get("impl") for benchmark in results["benchmarks"]}
    failed = [impl.label for impl in compared(step) if impl.key not in measured]
    if failed:
        return f"no table: the benchmarks of the {' and '.join(failed)} failed (see above)"
    return f"{REPORTS[step](results)}\n\n(all figures: {rel(results_file(step))})"
