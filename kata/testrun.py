"""Running a step's tests: the one place that builds the pytest command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kata.layout import ROOT, TESTS, step_name


def pytest_command(step: int, impl: str = "steps", only_this_step: bool = False,
                   full: bool = False, report: Path | None = None,
                   extra: tuple[str, ...] = ()) -> list[str]:
    """The pytest invocation for `make test` (and verify, progress, watch, stress)."""
    target = TESTS / step_name(step) if only_this_step else TESTS
    command = [sys.executable, "-m", "pytest", str(target), f"--step={step}", f"--impl={impl}",
               "-q", "--no-header", "-r", "N"]
    if full:
        command += ["--kata-full", "--tb=long"]
    if report is not None:
        command.append(f"--kata-report={report}")
    return command + list(extra)


def run_tests(step: int, impl: str = "steps", **options) -> int:
    """Run a step's tests in the foreground; return pytest's exit code."""
    return subprocess.call(pytest_command(step, impl, **options), cwd=ROOT)


def add_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)
    parser.add_argument("--impl", default="steps", help="steps (yours, default) or solutions")
    parser.add_argument("--full", action="store_true", help="full tracebacks (V=1)")
    parser.add_argument("pytest_args", nargs="*", help="passed on to pytest")


def run(args) -> int:
    from kata.layout import IMPLS, UsageError, parse_step

    step = parse_step(args.step)
    if args.impl not in IMPLS:
        raise UsageError(f"IMPL must be one of {', '.join(IMPLS)}, not {args.impl!r}")
    return run_tests(step, args.impl, full=args.full, extra=tuple(args.pytest_args))
