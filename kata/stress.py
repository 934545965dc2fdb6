"""`make stress STEP=N`: run a step's tests many times in a row; say whether any result changed.

Leak tests must not pass or fail by luck (a garbage collection that happened to run, an
object some earlier test left behind). Each run is a fresh `make test` (its own Python
process, with its own hash seed) and records every test's outcome. The results are
*stable* when every run gave every test the same outcome: on a finished step that means
all passed every time; on an unfinished one, the same tests failed every time.

Exit status: 0 when stable (and, for IMPL=solutions, when everything passed), 1 otherwise.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kata.layout import describe_steps
from kata.testrun import run_quietly

RUNS = 20


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


def run_once(step: int, impl: str) -> Run:
    """Run the step's tests in a fresh process, quietly, and read each test's outcome."""
    run = run_quietly(step, impl)
    outcomes = {test: entry["outcome"] for test, entry in (run.outcomes or {}).items()}
    # A run that wrote no report did not finish, whatever its exit code says.
    exit_code = run.exit_code if run.outcomes is not None or run.exit_code >= 2 else 3
    return Run(outcomes, exit_code, run.seconds)


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


def stress(step: int, impl: str, runs: int = RUNS, say=print) -> int:
    """Run the step's tests `runs` times, one line per run, then the verdict; the exit code."""
    say(f"step {step} ({impl}): its tests {runs} times in a row, each in a fresh process")
    results = []
    for number in range(1, runs + 1):
        run = run_once(step, impl)
        results.append(run)
        say(f"  run {number:>{len(str(runs))}}/{runs}: {run.summary():<32} {run.seconds:5.1f} s")
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
