"""`make diff STEP=N`: exactly what step N changes, as a unified diff of the solutions."""

from __future__ import annotations

import difflib
from pathlib import Path

from kata import layout
from kata.commands import pager
from kata.i18n import _
from kata.layout import MOVED, is_cumulative, parse_step, step_name, step_numbers
from kata.maintainer.generate import solution_files, views


def step_changes(step: int) -> str:
    """The diff from the previous view to the solution view of each of the step's files.

    A file new at the step (an exercise file such as step 17's warmup.py, or a module the
    step adds) has no "before": it is shown whole, as added, the way git shows a new file.
    """
    chunks = []
    for name in solution_files(step):
        if name.suffix != ".py":
            continue
        both = views(step, name)
        label = f"{step_name(step)}/{name}"
        new = new_at(step, name)
        before = "" if new else both.previous
        if new:
            fromfile = "/dev/null"
            tofile = _("{file} (new at step {step})").format(file=label, step=step)
        else:
            fromfile = _("{file} (before step {step})").format(file=label, step=step)
            tofile = _("{file} (after step {step})").format(file=label, step=step)
        chunks.extend(difflib.unified_diff(
            before.splitlines(keepends=True), both.solution.splitlines(keepends=True),
            fromfile=fromfile, tofile=tofile))
    return "".join(chunks)


def new_at(step: int, name: Path) -> bool:
    """Whether a solution file is new at the step: the previous step has no such file (nor
    the file it moved from), or it is one of the step's own exercise files."""
    known = step_numbers()
    if not is_cumulative(name) or step == known[0]:
        return True
    previous = layout.SOLUTIONS / step_name(known[known.index(step) - 1])
    return not any((previous / source).exists()
                   for source in (name.as_posix(), MOVED.get(name.as_posix())) if source)


def add_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)
    parser.add_argument("--yes", action="store_true", help="do not ask (YES=1)")


def run(args) -> int:
    from kata.commands.reset import allow_spoiler

    step = parse_step(args.step)
    if not allow_spoiler(step, _("the reference's changes"), "diff", args.yes):
        return 1
    pager.show(step_changes(step) or _("step {step} changes no code (see its guide)").format(
        step=step))
    return 0
