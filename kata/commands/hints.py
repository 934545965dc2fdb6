"""`make hint STEP=N LEVEL=1|2|3`: graded hints, one level at a time.

Each solutions/stepNN/HINTS.md has three sections (the generator copies it to steps/), and
each translation of it (HINTS.ko.md) the same `## Level N` headings:

    ## Level 1      the idea
    ## Level 2      where in the code
    ## Level 3      nearly the solution

`make verify` calls `missing_hint_levels` to check every step has all three. The learner
reads the hints in the runner's language where they are translated (kata.i18n.localized).
"""

from __future__ import annotations

import re
from pathlib import Path

from kata import layout
from kata.i18n import _, localized
from kata.layout import UsageError, parse_step, rel, step_name
from kata.screen import say

LEVELS = {1: "the idea", 2: "where in the code", 3: "nearly the solution"}
HEADING = re.compile(r"^##\s+Level\s+(\d+)\s*$")


def level_name(level: int) -> str:
    """What a level gives, in the learner's language."""
    return {1: _("the idea"), 2: _("where in the code"), 3: _("nearly the solution")}[level]


def hints_file(step: int, translated: bool = False) -> Path:
    """The hints are read from solutions/, the source of truth a learner cannot edit away;
    `translated`: in the learner's language where they are translated (HINTS.ko.md)."""
    english = layout.SOLUTIONS / step_name(step) / "HINTS.md"
    return localized(english) if translated else english


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


def read_hints(step: int, translated: bool = False) -> dict[int, str]:
    path = hints_file(step, translated)
    return parse_hints(path.read_text(encoding="utf-8")) if path.is_file() else {}


def missing_hint_levels(step: int) -> list[int]:
    """The levels (of 1, 2, 3) that a step's HINTS.md lacks or leaves empty."""
    hints = read_hints(step)
    return [level for level in LEVELS if not hints.get(level)]


def parse_level(text: str | int | None) -> int:
    text = str(text if text is not None else "1").strip() or "1"
    if not text.isdigit() or int(text) not in LEVELS:
        raise UsageError(_("LEVEL must be 1 (the idea), 2 (where) or 3 (nearly the answer), "
                           "not {text!r}").format(text=text))
    return int(text)


def show_hint(step: int, level: int) -> str:
    """The hint of one level, in the learner's language, with a header and where to go from
    here."""
    text = read_hints(step, translated=True).get(level)
    if not text:
        raise UsageError(_("step {step} has no level {level} hint yet ({hints}); its guide: "
                           "{guide}").format(step=step, level=level,
                                             hints=rel(hints_file(step, translated=True)),
                                             guide=rel(localized(layout.guide(step)))))
    header = _("Step {step} — {title}: hint {level} of 3 ({what})").format(
        step=step, title=layout.title(step), level=level, what=level_name(level))
    if level < len(LEVELS):
        after = _("Still stuck? make hint STEP={step} LEVEL={level}").format(
            step=step, level=level + 1)
    else:
        after = "\n".join([
            _("That was the last hint. The reference solution: make solution STEP={step}")
            .format(step=step),
            _("What the step changes, as a diff: make diff STEP={step}").format(step=step)])
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
