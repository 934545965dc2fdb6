"""`make hint STEP=N LEVEL=1|2|3`: graded hints, one level at a time.

Each solutions/stepNN/HINTS.md has three sections (the generator copies it to steps/):

    ## Level 1      the idea
    ## Level 2      where in the code
    ## Level 3      nearly the solution

`make verify` calls `missing_hint_levels` to check every step has all three.
"""

from __future__ import annotations

import re
from pathlib import Path

from kata import layout
from kata.layout import UsageError, parse_step, rel, step_name
from kata.screen import say

LEVELS = {1: "the idea", 2: "where in the code", 3: "nearly the solution"}
HEADING = re.compile(r"^##\s+Level\s+(\d+)\s*$")


def hints_file(step: int) -> Path:
    """The hints are read from solutions/, the source of truth a learner cannot edit away."""
    return layout.SOLUTIONS / step_name(step) / "HINTS.md"


def parse_hints(text: str) -> dict[int, str]:
    """`## Level N` sections -> their text (stripped). Text before the first one is ignored."""
    sections: dict[int, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        heading = HEADING.match(line)
        if heading:
            current = sections.setdefault(int(heading.group(1)), [])
        elif current is not None:
            current.append(line)
    return {level: "\n".join(lines).strip() for level, lines in sections.items()}


def read_hints(step: int) -> dict[int, str]:
    path = hints_file(step)
    return parse_hints(path.read_text(encoding="utf-8")) if path.is_file() else {}


def missing_hint_levels(step: int) -> list[int]:
    """The levels (of 1, 2, 3) that a step's HINTS.md lacks or leaves empty."""
    hints = read_hints(step)
    return [level for level in LEVELS if not hints.get(level)]


def parse_level(text: str | int | None) -> int:
    text = str(text if text is not None else "1").strip() or "1"
    if not text.isdigit() or int(text) not in LEVELS:
        raise UsageError(f"LEVEL must be 1 (the idea), 2 (where) or 3 (nearly the answer), "
                         f"not {text!r}")
    return int(text)


def show_hint(step: int, level: int) -> str:
    """The hint of one level, with a header and where to go from here."""
    text = read_hints(step).get(level)
    if not text:
        raise UsageError(f"step {step} has no level {level} hint yet "
                         f"({rel(hints_file(step))}); its guide: {rel(layout.guide(step))}")
    header = f"Step {step} — {layout.title(step)}: hint {level} of 3 ({LEVELS[level]})"
    if level < len(LEVELS):
        after = f"Still stuck? make hint STEP={step} LEVEL={level + 1}"
    else:
        after = (f"That was the last hint. The reference solution: make solution STEP={step}\n"
                 f"What the step changes, as a diff: make diff STEP={step}")
    return f"{header}\n\n{text}\n\n{after}"


def add_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)
    parser.add_argument("--level", default="1", help="1 the idea (default), 2 where, "
                                                     "3 nearly the solution")


def run(args) -> int:
    step = parse_step(args.step)
    say(show_hint(step, parse_level(args.level)))
    return 0
