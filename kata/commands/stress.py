"""`make stress STEP=N`: run a step's tests many times in a row; say whether any result changed.

Leak tests must not pass or fail by luck (a garbage collection that happened to run, an
object some earlier test left behind), nor property tests by the examples drawn. Each run
is a fresh pytest process (with its own hash seed) and records every test's outcome. What
runs is what can flake on this step's code: the step's own tests, and the earlier steps'
leak tests (those that use `kata.leaks.no_cycles`); the rest of the earlier steps' tests
give the same answer every time, and `make test` runs them. The results are *stable* when
every run gave every test the same outcome: on a finished step that means all passed every
time; on an unfinished one, the same tests failed every time.

Exit status: 0 when stable (and, for IMPL=solutions, when everything passed), 1 otherwise.
"""

from __future__ import annotations

import ast
import functools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kata import layout
from kata.commands.testrun import pytest_command
from kata.commands.workspace import run_reported
from kata.layout import describe_steps, rel, step_name
from kata.screen import say

RUNS = 20
LEAK_CHECK = "no_cycles"  # kata.leaks.no_cycles: what makes a test a leak test


@dataclass(frozen=True)
class Run:
    """One run of the step's tests: each test's outcome, and pytest's exit code."""

    outcomes: dict[str, str]  # test id -> passed / failed / skipped
    exit_code: int
    seconds: float

    @property
    def failed(self) -> frozenset[str]:
        return frozenset(test for test, outcome in self.outcomes.items() if outcome == "failed")

    @property
    def crashed(self) -> bool:
        """pytest stopped before it could report (interrupted, killed, internal error)."""
        return self.exit_code not in (0, 1, 5)  # 5: no tests were collected

    def summary(self) -> str:
        if self.crashed:
            return f"pytest stopped with exit code {self.exit_code}"
        counts = Counter(self.outcomes.values())
        return ", ".join(f"{counts[word]} {word}" for word in ("passed", "failed", "skipped")
                         if counts[word]) or "no tests"


# -- what runs: the step's own tests, and the earlier steps' leak tests ---------------------------

def _uses(node: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names
               or isinstance(n, ast.Attribute) and n.attr in names for n in ast.walk(node))


def leak_tests_in(path: Path) -> list[str]:
    """The test functions of a file that check for leaks (pytest node ids): those that use
    no_cycles, directly or through a function of the same file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = [(node, "") for node in tree.body if isinstance(node, ast.FunctionDef)]
    for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
        functions += [(node, f"{cls.name}::") for node in cls.body
                      if isinstance(node, ast.FunctionDef)]
    leaking = {LEAK_CHECK}
    while True:  # helpers that call helpers that call no_cycles
        more = {node.name for node, _ in functions
                if node.name not in leaking and _uses(node, leaking)}
        if not more:
            break
        leaking |= more
    where = rel(path)
    return [f"{where}::{prefix}{node.name}" for node, prefix in functions
            if node.name.startswith("test") and node.name in leaking]


@functools.cache
def earlier_leak_tests(step: int) -> tuple[str, ...]:
    """The leak tests that earlier steps introduce (they apply to this step too, unless their
    `until` says otherwise: pytest leaves those out)."""
    found: list[str] = []
    for earlier in range(1, step):
        folder = layout.TESTS / step_name(earlier)
        for path in sorted(folder.glob("test_*.py")) if folder.is_dir() else []:
            if LEAK_CHECK in path.read_text(encoding="utf-8"):
                found += leak_tests_in(path)
    return tuple(found)


def run_once(step: int, impl: str) -> Run:
    """Run the step's own tests and the earlier leak tests in a fresh process, quietly, and
    read each test's outcome."""
    command = pytest_command(step, impl, only_this_step=True, every_test=True,
                             extra=earlier_leak_tests(step))
    run = run_reported(command)
    outcomes = {test: entry["outcome"] for test, entry in (run.outcomes or {}).items()}
    # A run that wrote no report did not finish, whatever its exit code says.
    exit_code = run.exit_code if run.outcomes is not None or run.exit_code >= 2 else 3
    return Run(outcomes, exit_code, run.seconds)


def what_runs(step: int) -> str:
    """What a run holds, in words."""
    leaks = earlier_leak_tests(step)
    if not leaks:
        return "its own tests"
    steps = describe_steps(sorted({layout.step_of_path(test) for test in leaks}))
    return f"its own tests and the earlier steps' {len(leaks)} leak tests (steps {steps})"


@dataclass(frozen=True)
class Verdict:
    stable: bool
    ok: bool  # what the exit status says
    lines: list[str]


def judge(runs: list[Run], impl: str, step: int | str = "N") -> Verdict:
    """Were the runs identical, test by test? And is that what this implementation needs?"""
    crashed = [number for number, run in enumerate(runs, 1) if run.crashed]
    if crashed:
        return Verdict(False, False, [f"BROKEN: pytest itself stopped in run(s) "
                                      f"{describe_steps(crashed)}: make test shows why"])
    tests = sorted(set().union(*(run.outcomes for run in runs)))
    changing = {test: [run.outcomes.get(test, "missing") for run in runs] for test in tests}
    changing = {test: seen for test, seen in changing.items() if len(set(seen)) > 1}
    if changing:
        lines = [f"FLAKY: {len(changing)} test(s) did not give the same result in every run:"]
        for test, seen in changing.items():
            counts = ", ".join(f"{word} in {n}" for word, n in Counter(seen).most_common())
            lines.append(f"  {test}: {counts} of {len(runs)} runs")
        return Verdict(False, False, lines)

    failed = runs[0].failed
    same = f"stable: all {len(runs)} runs gave identical results"
    if not failed:
        return Verdict(True, True, [f"{same}: {runs[0].summary()}, every time."])
    lines = [f"{same}: the same {len(failed)} test(s) failed every time."]
    if impl == "solutions":
        lines.append("NOT OK: the reference solution must pass every test.")
        return Verdict(True, False, lines)
    lines.append(f"That is how an unfinished step looks: make test STEP={step} shows what is "
                 f"missing.")
    return Verdict(True, True, lines)


def stress(step: int, impl: str, runs: int = RUNS, say=say) -> int:
    """Run the step's tests `runs` times, one line per run, then the verdict; the exit code."""
    whose = "your code" if impl == "steps" else "the reference solution"
    say(f"step {step} on {whose}: {what_runs(step)}, {runs} times, each in a fresh process "
        f"(the other tests give the same answer every time: make test STEP={step} runs them)",
        flush=True)
    results = []
    for number in range(1, runs + 1):
        run = run_once(step, impl)
        results.append(run)
        say(f"  run {number:>{len(str(runs))}}/{runs}: {run.summary():<32} {run.seconds:5.1f} s",
            flush=True)
    verdict = judge(results, impl, step)
    for line in verdict.lines:
        say(line)
    return 0 if verdict.ok else 1


def add_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)
    parser.add_argument("--impl", default="steps", help="steps (yours, default) or solutions")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"how many runs (default {RUNS})")


def run(args) -> int:
    from kata.layout import UsageError, parse_impl, parse_step

    step = parse_step(args.step)
    impl = parse_impl(args.impl)
    if args.runs < 1:
        raise UsageError(f"--runs must be at least 1, not {args.runs}")
    return stress(step, impl, args.runs)
