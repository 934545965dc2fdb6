"""`make bench STEP=N`: what a step's design buys, measured (each step with a bench file).

A step has benchmarks when benchmarks/bench_stepNN.py exists; nothing else lists them. That
file holds the step's pytest-benchmark tests and names its report, which its lesson
(kata/measure/lessons/stepNN.py) writes:

    STEP = 17                 # the step it measures
    SOLUTIONS = (16, 17)      # the reference solutions it compares
    report = step17.report    # the tables, from pytest-benchmark's JSON

Its tests take `impl` and `dezero` (benchmarks/conftest.py); the learner's code joins when
it passes its tests. This module runs pytest on the file, then prints the file's report
(pytest-benchmark's own tables are not shown: the report's tables hold their figures, fitted
to 100 columns), written with the helpers below (entries, table, megabytes, target,
targets_for). Every verdict says whose figures it judges: a reference solution's, or the
learner's code. The report speaks the learner's language (kata.i18n), its tables aligned by
display width; the JSON keeps the English keys it is read by (impl, gc, variant, what).

Timings vary between runs (a lot on a busy machine), so targets are printed, never
asserted, and a verdict on a timing is given only when the figures allow one: a ratio is
timed in interleaved rounds (memory.Interleaved) and judged by its median and spread
(ratio_within, ratio_target). Every timing is CPU time, with NumPy's BLAS on one thread and
freed memory kept for reuse (TIMING_ENV): on a busy machine, wall-clock time, a matrix
product split over threads and pages handed back to the system and faulted in again all
measure the machine as much as the code (step 61's time ratio swung from +36 % to +61 %
between two runs, and to +0 % in a third). The deterministic facts (objects retained, a flat
peak) are checked by tests/runner/test_memory.py.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from kata import screen
from kata.i18n import _
from kata.layout import BENCHMARKS, ROOT, WORK, UsageError, describe_steps, rel
from kata.measure import memory
from kata.screen import say

RESULTS = WORK / "bench"  # git-ignored: the JSON of the last run of each step
BENCH_FILE = re.compile(r"^bench_step(\d+)\.py$")
# pytest-benchmark's options: CPU time (memory.CLOCK's reason), short names, sorted by name.
# Its tables are not shown (the report gives their figures); the JSON has them all.
TABLE_OPTIONS = ("--benchmark-timer=time.process_time", "--benchmark-columns=min,median",
                 "--benchmark-name=short", "--benchmark-sort=name")
# The environment of a timed run (read as the process starts, so it is set for pytest's):
# - NumPy's BLAS on one thread. A matrix product split over threads waits for whichever one
#   was descheduled: on a busy machine a step took ten times as long, by turns.
# - glibc's malloc keeps freed memory for reuse. By default it hands a big free block back to
#   the system when it lies at the top of the heap, and the next step faults it back in (the
#   kernel zeroes each page): whether it does depends on what else the heap holds, and it
#   moved step 61's plain step by a third, from one run to the next. (Elsewhere: ignored.)
TIMING_ENV = {
    **{name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                              "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")},
    "MALLOC_MMAP_THRESHOLD_": str(32 * 2**20),
    "MALLOC_TRIM_THRESHOLD_": str(2**30),
}
# A group whose name ends so holds ratios timed in alternating rounds (memory.Interleaved).
INTERLEAVED = ", interleaved"
# What pytest-benchmark prints besides pytest's own lines: its tables (from a title line to
# the blank line after the table), the legend of their columns, where it wrote the JSON.
TABLE_TITLE = re.compile(r"""benchmark(?: (["']).*\1)?: \d+ tests""")
UNSHOWN_LINES = ("Legend:", "  Outliers: ", "  OPS: ", "Wrote benchmark data in")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


# -- the steps that have benchmarks, and their files --------------------------------------------

def bench_files() -> dict[int, Path]:
    """step -> its benchmarks/bench_stepNN.py, for every such file."""
    found = ((BENCH_FILE.match(path.name), path) for path in BENCHMARKS.glob("bench_step*.py"))
    return dict(sorted((int(match.group(1)), path) for match, path in found if match))


def bench_file(step: int) -> Path:
    return bench_files().get(step, BENCHMARKS / f"bench_step{step}.py")


def bench_module(step: int):
    """The step's bench file as a module (for SOLUTIONS and report), loaded once by path."""
    name = f"kata_bench_step{step}"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, bench_file(step))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return sys.modules[name]


def compared(step: int, learner: bool = False) -> list[memory.Impl]:
    """What `make bench STEP=step` measures (the bench file's SOLUTIONS, then the learner's)."""
    return memory.implementations(bench_module(step).SOLUTIONS, step, learner)


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
    """Run every bench file once, untimed (for `make verify`); returns pytest's exit code.

    Never gated on a timing: the bodies run once and the memory passes run as usual.
    """
    files = bench_files()
    missing = [step for step in files if not available(step)]
    if missing:  # the solutions the benchmarks compare are gone: say so, do not pass quietly
        print(f"benchmarks of step(s) {missing} have no solutions to compare")
        return 1
    command = bench_command(list(files.values()), "--benchmark-disable", "-q")
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        print(completed.stdout + completed.stderr)
    return completed.returncode


# -- helpers for the bench files ---------------------------------------------------------------

def collect_garbage() -> None:
    """A timed round's setup (untimed): free what the previous round left in cycles.

    pytest-benchmark takes what a setup returns as the round's arguments: gc.collect itself,
    which returns a count, cannot be the setup.
    """
    gc.collect()


# -- helpers for the bench files' reports -----------------------------------------------------

def entries(results: dict, group: str) -> list[dict]:
    """The benchmarks of one group, in the run's order: extra_info, plus `time` in seconds.

    The time is the fastest round: on a shared machine, slower rounds mostly measure other
    processes (the median and the rest are in the JSON).
    """
    return [{**b["extra_info"], "time": b["stats"]["min"], "rounds": b["stats"]["rounds"]}
            for b in results["benchmarks"] if b["group"] == group]


NUMBER = re.compile(r"^[-+]?\d[\d,.]*%?$")


def pad(text: str, width: int, right: bool = False) -> str:
    """`text` and spaces up to `width` display columns (Hangul takes two), or spaces first."""
    room = " " * max(0, width - screen.display_width(text))
    return room + text if right else text + room


def table(headers: list[str], rows: list[list]) -> str:
    """Columns padded to fit, by display width: numbers right-aligned, words left-aligned."""
    columns = list(zip(headers, *rows))
    widths = [max(screen.display_width(str(cell)) for cell in column) for column in columns]
    numeric = [all(NUMBER.match(str(cell)) for cell in column[1:]) for column in columns]

    def line(cells):
        return "  ".join(pad(str(cell), width, right)
                         for cell, width, right in zip(cells, widths, numeric)).rstrip()

    return "\n".join([line(headers), line("-" * width for width in widths),
                      *(line(row) for row in rows)])


def megabytes(size: float) -> str:
    return f"{size / memory.MB:.2f}"


TARGET_INDENT = " " * 10  # a target's claim, continued under its first word


def verdicts() -> dict[bool | None, str]:
    """The verdict words, in the learner's language, padded to one width (6 in English)."""
    words = {True: _("met"), False: _("MISSED"), None: _("unsure")}
    width = max(6, *map(screen.display_width, words.values()))
    return {held: pad(word, width) for held, word in words.items()}


UNIT = re.compile(r"(\d) (kB|MB)\b")  # a figure and its unit: never on two rows


def target(held: bool | None, claim: str) -> str:
    """One line of a report's targets (wrapped at words to 100 columns, continued under the
    claim, a figure kept with its unit); None: the figures cannot tell (too noisy)."""
    word = verdicts()[held]
    indent = " " * max(len(TARGET_INDENT), screen.display_width(word) + 4)
    first, *rest = UNIT.sub(rf"\1{screen.KEEP}\2", claim).split("\n")
    rows = screen.wrap(f"  {word}  {first}", screen.WIDTH, indent)
    for line in rest:
        rows += screen.wrap(f"{indent}{line.strip()}", screen.WIDTH, indent)
    return "\n".join(rows).replace(screen.KEEP, " ")


def notes(text: str) -> list[str]:
    """A report's explanation under a table: each line indented by two spaces (and wrapped at
    words, should a translation's line be too long)."""
    return [row for line in text.split("\n") for row in screen.wrap(f"  {line}", screen.WIDTH)]


def label(impl_key: str) -> str:
    """What the tables call an implementation: `step61-solution` -> `step 61 solution`."""
    match = IMPL_KEY.match(impl_key)
    if match is None:
        return impl_key
    step, kind = match.groups()
    return memory.Impl(int(step), "solutions" if kind == "solution" else "steps").label


def gc_word(setting: str) -> str:
    """A table's GC column: `on` or `off`, in the learner's language."""
    return {"on": _("on"), "off": _("off")}.get(setting, setting)


def listed(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`, in the learner's language."""
    if len(items) < 2:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


IMPL_KEY = re.compile(r"^step(\d+)-(solution|yours)$")


def whose(impl_key: str) -> str:
    """Whose figures an entry holds, in words: `step61-solution` -> `the step 61 solution`."""
    match = IMPL_KEY.match(impl_key)
    if match is None:
        return impl_key
    step, kind = match.groups()
    if kind == "solution":
        return _("the step {step} solution").format(step=step)
    return _("your step {step} code").format(step=step)


def targets_for(impl_key: str, lines: list[str]) -> list[str]:
    """A report's targets for one implementation, under a heading that says whose they are."""
    return [_("Targets for {whose} (this run):").format(whose=whose(impl_key)), *lines]


def measured_impls(entries_: list[dict]) -> list[str]:
    """The implementations in a group's entries, in the run's order (solutions, then yours)."""
    return list(dict.fromkeys(entry["impl"] for entry in entries_))


def ratio_within(spread: memory.Spread, limit: float) -> bool | None:
    """Whether a measured ratio is at most `limit`: True or False only when its spread agrees.

    The middle half of the rounds (first to third quartile) must lie on one side of the limit;
    when it straddles the limit, this run cannot say (None).
    """
    if spread.high <= limit:
        return True
    if spread.low > limit:
        return False
    return None


def percent(ratio: float) -> str:
    """A ratio as the change it is: 1.083 -> +8.3%."""
    return f"{ratio - 1:+.1%}"


def spread_text(spread: memory.Spread) -> str:
    """`median +8.3%, middle half of the 40 rounds +6.1% to +9.9%`."""
    return _("median {median}, middle half of the {rounds} rounds {low} to {high}").format(
        median=percent(spread.median), rounds=spread.rounds, low=percent(spread.low),
        high=percent(spread.high))


def ratio_target(spread: memory.Spread, limit: float, claim: str) -> str:
    """A report's target line for a ratio measured in interleaved rounds: met or MISSED only
    when the middle half of the rounds lies on one side of `limit`, else unsure and why."""
    held = ratio_within(spread, limit)
    text = _("{claim}: median {median}").format(claim=claim, median=percent(spread.median))
    if held is None:
        text += "\n" + _("(the middle half of the rounds, {low} to {high}, straddles the "
                         "target: a busy machine? run again)").format(
            low=percent(spread.low), high=percent(spread.high))
    return target(held, text)


# -- the command ------------------------------------------------------------------------------

def add_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)


def run(args) -> int:
    from kata.layout import parse_step

    step = parse_step(args.step)
    steps = list(bench_files())
    if step not in steps:
        raise UsageError(_("benchmarks exist for steps {steps}, not step {step} (there is no "
                           "{file})").format(steps=describe_steps(steps), step=step,
                                             file=rel(bench_file(step))))
    if not available(step):
        missing = ", ".join(rel(impl.path) for impl in compared(step) if not impl.path.exists())
        raise UsageError(_("step {step}'s benchmarks need {missing}").format(step=step,
                                                                            missing=missing))
    left_out = memory.learner_left_out(step)
    say(left_out or _("your step {step} code passes its tests: it is measured too").format(
        step=step), flush=True)
    results = results_file(step)
    options = ["-q", f"--benchmark-json={results}", "--benchmark-only", *TABLE_OPTIONS]
    if left_out is None:
        options.append("--with-learner")
    RESULTS.mkdir(parents=True, exist_ok=True)
    results.unlink(missing_ok=True)  # an earlier run's figures must not pass for this run's
    code = run_benchmarks(bench_command([bench_file(step)], *options))
    if results.exists():
        say(flush=True)
        say(report(step, json.loads(results.read_text(encoding="utf-8"))))
    return code


def run_benchmarks(command: list[str]) -> int:
    """pytest-benchmark, timing in TIMING_ENV; its output shown line by line
    as it comes (pytest's progress, failures and summary), less its tables, their legend and
    the path of its JSON: the report shows their figures, fitted to the screen."""
    if sys.stdout.isatty():
        command = [*command, "--color=yes"]
    environment = {**os.environ, **TIMING_ENV, "COLUMNS": str(screen.columns())}
    hiding = False
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, env=environment) as process:
        for line in process.stdout:
            plain = ANSI.sub("", line)
            if TABLE_TITLE.search(plain):
                hiding = True
            if not hiding and not plain.startswith(UNSHOWN_LINES):
                print(line, end="", flush=True)
            hiding = hiding and plain.strip() != ""  # a table ends at a blank line
    return process.returncode


def report(step: int, results: dict) -> str:
    """The step's tables, or one line when a solution's benchmark failed (they need them all)."""
    measured = {benchmark["extra_info"].get("impl") for benchmark in results["benchmarks"]}
    failed = [impl.label for impl in compared(step) if impl.key not in measured]
    if failed:
        return _("no table: the benchmarks of the {failed} failed (see above)").format(
            failed=listed(failed))
    where = _("(times: CPU time, one BLAS thread, freed memory kept; all figures: {path})")
    rows = screen.wrap(where.format(path=rel(results_file(step))), screen.WIDTH, " ")
    return "\n\n".join([bench_module(step).report(results), "\n".join(rows)])
