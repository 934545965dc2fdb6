"""The learner's step folders: where they are, and how they differ from their skeletons.

Shared by progress (is a step started?), reset (what to back up and put back) and watch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kata import layout
from kata.layout import step_name
from kata.maintainer import generate


@dataclass
class Changes:
    """How a learner's step folder differs from its skeleton (names relative to the folder)."""

    changed: list[Path] = field(default_factory=list)  # skeleton files the learner edited
    missing: list[Path] = field(default_factory=list)  # skeleton files that are gone
    added: list[Path] = field(default_factory=list)  # files the skeleton does not have

    def __bool__(self) -> bool:
        return bool(self.changed or self.missing or self.added)


def step_folder(step: int) -> Path:
    return layout.STEPS / step_name(step)


def learner_impl(step: int) -> str:
    """What to pass as pytest's --impl for the learner's code.

    `steps` for the real steps/ folder, so pytest's summary speaks of "your code"; the
    folder itself otherwise (the runner's own tests work on a copy).
    """
    folder = step_folder(step)
    return "steps" if folder == layout.ROOT / "steps" / step_name(step) else str(folder)


def learner_changes(step: int) -> Changes:
    """Compare steps/stepNN with the skeleton the generator makes (in memory)."""
    folder = step_folder(step)
    pristine = generate.skeleton(step)
    changes = Changes(added=[name for name in generate.files_in(folder) if name not in pristine])
    for name, text in pristine.items():
        path = folder / name
        if not path.is_file():
            changes.missing.append(name)
        elif path.read_text(encoding="utf-8", errors="replace") != text:
            changes.changed.append(name)
    return changes
