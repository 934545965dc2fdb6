"""Running a step's tests: the one place that builds the pytest command line."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kata.layout import ROOT, TESTS, step_name


def pytest_command(step: int, impl: str = "steps", only_this_step: bool = False,
                   full: bool = False, report: Path | None = None,
                   extra: tuple[str, ...] = (), every_test: bool = False,
                   test_limit: float | None = None) -> list[str]:
    """The pytest invocation for `make test` (and verify, progress, watch, stress).

    `every_test`: run every test even when this step's fail or one times out (a learner's
    run stops there; verify, progress and stress need each test's outcome).
    `test_limit`: seconds a test may run, in place of the learner's guard against endless
    loops (pyproject.toml's `timeout`): verify's, sized for a busy machine.
    """
    target = TESTS / step_name(step) if only_this_step else TESTS
    command = [sys.executable, "-m", "pytest", str(target), f"--step={step}", f"--impl={impl}",
               "-q", "--no-header", "-r", "N"]
    if every_test:
        command.append("--kata-all")
    if full:
        command += ["--kata-full", "--tb=long"]
    if report is not None:
        command.append(f"--kata-report={report}")
    if test_limit is not None:
        command.append(f"--timeout={test_limit:g}")
    return command + list(extra)


def run_tests(step: int, impl: str = "steps", **options) -> int:
    """Run a step's tests in the foreground; return pytest's exit code.

    Ctrl-C reaches pytest too (the terminal signals the whole foreground group): it is left
    to print the failures it has so far, then the KeyboardInterrupt goes on to the caller
    (`make test` ends, `make watch` stops). A second Ctrl-C stops pytest at once.
    """
    with subprocess.Popen(pytest_command(step, impl, **options), cwd=ROOT) as child:
        try:
            return child.wait()
        except KeyboardInterrupt:
            try:
                child.wait()
            except KeyboardInterrupt:
                child.kill()
            raise


@dataclass(frozen=True)
class QuietRun:
    """A test run whose output was kept, not shown."""

    exit_code: int  # pytest's: 0 all passed, 1 some failed, 2 and more it stopped; -1 timeout
    outcomes: dict[str, dict] | None  # each test's --kata-report entry; None: no report
    output: str
    seconds: float

    @property
    def crashed(self) -> bool:
        """pytest stopped before it could report (timeout, internal or usage error)."""
        return self.outcomes is None or self.exit_code not in (0, 1)


def run_reported(command: list[str], timeout: float | None = None) -> QuietRun:
    """Run a pytest command (pytest_command's, without `report`) in a fresh process with
    --kata-report; keep its output, unshown, and read each test's outcome."""
    with tempfile.TemporaryDirectory(prefix="kata-run-") as scratch:
        report = Path(scratch) / "report.json"
        started = time.perf_counter()
        try:
            completed = subprocess.run([*command, f"--kata-report={report}"], cwd=ROOT,
                                       capture_output=True, text=True, timeout=timeout,
                                       check=False)
        except subprocess.TimeoutExpired:
            return QuietRun(-1, None, f"timed out after {timeout} s",
                            time.perf_counter() - started)
        seconds = time.perf_counter() - started
        try:
            outcomes = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            outcomes = None  # pytest stopped before it wrote the report
    return QuietRun(completed.returncode, outcomes, completed.stdout + completed.stderr, seconds)


def run_quietly(step: int, impl: str = "steps", only_this_step: bool = False,
                timeout: float | None = None, test_limit: float | None = None) -> QuietRun:
    """Run every test of a step (see pytest_command) as run_reported does.

    `timeout`: for the whole run; `test_limit`: for each test (see pytest_command).
    """
    return run_reported(pytest_command(step, impl, only_this_step=only_this_step,
                                       every_test=True, test_limit=test_limit), timeout)


def add_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)
    parser.add_argument("--impl", default="steps", help="steps (yours, default) or solutions")
    parser.add_argument("--full", action="store_true", help="full tracebacks (V=1)")


def run(args) -> int:
    from kata.layout import parse_impl, parse_step

    step = parse_step(args.step)
    return run_tests(step, parse_impl(args.impl), full=args.full, extra=tuple(args.extra))
