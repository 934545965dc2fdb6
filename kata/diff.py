"""`make diff STEP=N`: exactly what step N changes, as a unified diff of the solutions."""

from __future__ import annotations

import difflib

from kata import pager
from kata.generate import solution_files, views
from kata.layout import parse_step, step_name


def step_changes(step: int) -> str:
    """The diff from the previous view to the solution view of each of the step's files."""
    chunks = []
    for name in solution_files(step):
        if name.suffix != ".py":
            continue
        both = views(step, name)
        label = f"{step_name(step)}/{name}"
        chunks.extend(difflib.unified_diff(
            both.previous.splitlines(keepends=True), both.solution.splitlines(keepends=True),
            fromfile=f"{label} (before step {step})", tofile=f"{label} (after step {step})"))
    return "".join(chunks)


def add_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)
    parser.add_argument("--yes", action="store_true", help="do not ask (YES=1)")


def run(args) -> int:
    from kata.reset import allow_spoiler

    step = parse_step(args.step)
    if not allow_spoiler(step, "the reference's changes", "diff", args.yes):
        return 1
    pager.show(step_changes(step) or f"step {step} changes no code (see its guide)")
    return 0
