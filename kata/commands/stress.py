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

from kata import layout, screen
from kata.commands.testrun import pytest_command, run_reported
from kata.i18n import _
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
            return _("pytest stopped with exit code {code}").format(code=self.exit_code)
        counts = Counter(self.outcomes.values())
        return ", ".join(counted(counts[word], word) for word in ("passed", "failed", "skipped")
                         if counts[word]) or _("no tests")


def counted(n: int, outcome: str) -> str:
    """`3 passed`, in the learner's language."""
    words = {"passed": _("{n} passed"), "failed": _("{n} failed"), "skipped": _("{n} skipped")}
    return words[outcome].format(n=n)


def outcome_word(outcome: str) -> str:
    """passed, failed, skipped, or missing (a run that had no such test), translated."""
    words = {"passed": _("passed"), "failed": _("failed"), "skipped": _("skipped"),
             "missing": _("missing")}
    return words.get(outcome, outcome)


# -- what runs: the step's own tests, and the earlier steps' leak tests ---------------------------

def _uses(node: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names
               or isinstance(n, ast.Attribute) and n.attr in names for n in ast.walk(node))


def _marks(nodes: list[ast.expr]) -> dict[str, list[int]]:
    """`until` and `not_at` marks among decorators (or a pytestmark's value) -> their steps."""
    found: dict[str, list[int]] = {}
    for node in nodes:
        for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
            name = getattr(call.func, "attr", None)
            if name in ("until", "not_at"):
                found.setdefault(name, []).extend(
                    arg.value for arg in call.args if isinstance(arg, ast.Constant))
    return found


def _applies(marks: dict[str, list[int]], step: int) -> bool:
    """Whether a test with these marks runs at `step` (as the kata plugin decides)."""
    return (not any(until < step for until in marks.get("until", []))
            and step not in marks.get("not_at", []))


def leak_tests_in(path: Path, step: int | None = None) -> list[str]:
    """The test functions of a file that check for leaks (pytest node ids): those that use
    no_cycles, directly or through a function of the same file; with `step`, only those
    that apply at that step (their `until` and `not_at` marks)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_marks = _marks([node.value for node in tree.body if isinstance(node, ast.Assign)
                           and any(getattr(t, "id", "") == "pytestmark" for t in node.targets)])
    if step is not None and not _applies(module_marks, step):
        return []
    functions = [(node, "") for node in tree.body if isinstance(node, ast.FunctionDef)]
    for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
        if step is None or _applies(_marks(cls.decorator_list), step):
            functions += [(node, f"{cls.name}::") for node in cls.body
                          if isinstance(node, ast.FunctionDef)]
    if step is not None:
        functions = [(node, prefix) for node, prefix in functions
                     if _applies(_marks(node.decorator_list), step)]
    leaking = {LEAK_CHECK}
    while True:  # helpers that call helpers that call no_cycles
        more = {node.name for node, _prefix in functions
                if node.name not in leaking and _uses(node, leaking)}
        if not more:
            break
        leaking |= more
    where = rel(path)
    return [f"{where}::{prefix}{node.name}" for node, prefix in functions
            if node.name.startswith("test") and node.name in leaking]


@functools.cache
def earlier_leak_tests(step: int) -> tuple[str, ...]:
    """The leak tests that earlier steps introduce and that still apply at this step."""
    found: list[str] = []
    for earlier in range(1, step):
        folder = layout.TESTS / step_name(earlier)
        for path in sorted(folder.glob("test_*.py")) if folder.is_dir() else []:
            if LEAK_CHECK in path.read_text(encoding="utf-8"):
                found += leak_tests_in(path, step)
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
        return _("its own tests")
    steps = describe_steps(sorted({layout.step_of_path(test) for test in leaks}))
    return _("its own tests and the earlier steps' {n} leak tests (steps {steps})").format(
        n=len(leaks), steps=steps)


@dataclass(frozen=True)
class Verdict:
    stable: bool
    ok: bool  # what the exit status says
    lines: list[str]


def judge(runs: list[Run], impl: str, step: int | str = "N") -> Verdict:
    """Were the runs identical, test by test? And is that what this implementation needs?"""
    crashed = [number for number, run in enumerate(runs, 1) if run.crashed]
    if crashed:
        return Verdict(False, False, [_("BROKEN: pytest itself stopped in run(s) {runs}: "
                                        "make test shows why").format(
                                          runs=describe_steps(crashed))])
    tests = sorted(set().union(*(run.outcomes for run in runs)))
    changing = {test: [run.outcomes.get(test, "missing") for run in runs] for test in tests}
    changing = {test: seen for test, seen in changing.items() if len(set(seen)) > 1}
    if changing:
        lines = [_("FLAKY: {n} test(s) did not give the same result in every run:").format(
            n=len(changing))]
        for test, seen in changing.items():
            counts = ", ".join(_("{outcome} in {n}").format(outcome=outcome_word(word), n=n)
                               for word, n in Counter(seen).most_common())
            lines.append(_("  {test}: {counts} of {runs} runs").format(
                test=test, counts=counts, runs=len(runs)))
        return Verdict(False, False, lines)

    failed = runs[0].failed
    if not failed:
        return Verdict(True, True, [_("stable: all {runs} runs gave identical results: "
                                      "{summary}, every time.").format(
                                        runs=len(runs), summary=runs[0].summary())])
    lines = [_("stable: all {runs} runs gave identical results: the same {n} test(s) failed "
               "every time.").format(runs=len(runs), n=len(failed))]
    if impl == "solutions":
        lines.append(_("NOT OK: the reference solution must pass every test."))
        return Verdict(True, False, lines)
    lines.append(_("That is how an unfinished step looks: make test STEP={step} shows what is "
                   "missing.").format(step=step))
    return Verdict(True, True, lines)


def stress(step: int, impl: str, runs: int = RUNS, say=say) -> int:
    """Run the step's tests `runs` times, one line per run, then the verdict; the exit code."""
    if impl == "steps":
        header = _("step {step} on your code: {what}, {runs} times, each in a fresh process "
                   "(the other tests give the same answer every time: make test STEP={step} "
                   "runs them)")
    else:
        header = _("step {step} on the reference solution: {what}, {runs} times, each in a "
                   "fresh process (the other tests give the same answer every time: make test "
                   "STEP={step} runs them)")
    say(header.format(step=step, what=what_runs(step), runs=runs), flush=True)
    results = []
    for number in range(1, runs + 1):
        run = run_once(step, impl)
        results.append(run)
        summary = run.summary()
        say(_("  run {number}/{runs}: {summary} {seconds} s").format(
            number=f"{number:>{len(str(runs))}}", runs=runs,
            summary=summary + " " * max(0, 32 - screen.display_width(summary)),
            seconds=f"{run.seconds:5.1f}"), flush=True)
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
        raise UsageError(_("--runs must be at least 1, not {runs}").format(runs=args.runs))
    return stress(step, impl, args.runs)
