"""`make bench STEP=N`: what step 17's weak references and step 18's memory-saving modes buy.

Runs the pytest-benchmark tests in benchmarks/bench_stepNN.py (their workloads and memory
probes are in kata.memory) and prints readable tables after pytest-benchmark's own, whose
terminal table shows time only. Timings vary between runs (a lot on a busy machine), so the
targets are printed, never asserted; the deterministic facts (objects retained, a flat peak)
are checked by tests/runner/test_memory.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from kata import memory
from kata.layout import BENCHMARKS, ROOT, WORK, UsageError, rel

BENCH_STEPS = (17, 18)
RESULTS = WORK / "bench"  # git-ignored: the JSON of the last run of each step


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
    return all(impl.path.exists() for impl in memory.compared(step))


def smoke() -> int:
    """Run every benchmark once, untimed (for `make verify`); returns pytest's exit code.

    Never gated on a timing: the bodies run once and the memory passes run as usual.
    """
    missing = [step for step in BENCH_STEPS if not available(step)]
    if missing:  # the solutions the benchmarks compare are gone: say so, do not pass quietly
        print(f"benchmarks of step(s) {missing} have no solutions to compare")
        return 1
    files = [bench_file(step) for step in BENCH_STEPS]
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
    return f"{size / memory.MB:.2f}"


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
        f"The book's loop: {graphs} graphs of square(square(square(x))), "
        f"x = randn({memory.BOOK_SIZE})",
        table(["implementation", "GC", "ms", "time / step 17", "peak MB", "left MB",
               "Variables", "Functions"], rows),
        f"  ms: the fastest of {loops[0]['rounds']} rounds. time / step 17: relative to the "
        "step-17 solution, GC on.",
        "  peak MB, left MB: memory at the loop's worst moment and after it (tracemalloc,",
        "  untimed; 1 MB = 10^6 bytes). Variables, Functions: objects alive after the loop.",
        "",
        f"Per operation: forward + backward through {memory.CHAIN_OPS} squares of a 0-d array",
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
    return (peak - short_peak < memory.ARRAY_BYTES
            and peak < 2 * memory.GRAPH_BYTES + memory.ARRAY_BYTES)


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
         f"          (two graphs' arrays: {2 * memory.GRAPH_BYTES / 1e3:.1f} kB; the rest: their "
         "Python objects)"),
        (all(e[kind] == 0 for e in (weak_on, weak_off) for kind in ("variables", "functions")),
         f"step-17 solution retains nothing: {weak_off['variables']} Variables, "
         f"{weak_off['functions']} Functions, GC off ({weak_on['variables']} and "
         f"{weak_on['functions']} GC on)"),
        (strong_off["variables"] == memory.GRAPH_ARRAYS * graphs,
         f"step 16, GC off, retains every graph: {strong_off['variables']} Variables of "
         f"{memory.GRAPH_ARRAYS * graphs}, {megabytes(strong_off['retained'])} MB"),
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
    array_mb = megabytes(memory.BIG_SIZE * 8)
    return "\n".join([
        f"A chain of {memory.CHAIN} squares over arrays of {memory.BIG_SIZE:,} floats "
        f"({array_mb} MB each)",
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
        missing = ", ".join(rel(impl.path) for impl in memory.compared(step)
                            if not impl.path.exists())
        raise UsageError(f"step {step}'s benchmarks need {missing}")
    left_out = memory.learner_left_out(step)
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
    failed = [impl.label for impl in memory.compared(step) if impl.key not in measured]
    if failed:
        return f"no table: the benchmarks of the {' and '.join(failed)} failed (see above)"
    return f"{REPORTS[step](results)}\n\n(all figures: {rel(results_file(step))})"
