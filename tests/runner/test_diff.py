"""`make diff STEP=N`: what a step changes; a file new at the step is shown as new."""

from __future__ import annotations

from pathlib import Path

from kata.commands import diff
from kata.maintainer.generate import views


def file_diff(text: str, name: str) -> list[str]:
    """The lines of one file's part of a diff, from its --- line to the next file's."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines)
                 if line.startswith("+++ ") and f"/{name} " in line) - 1
    end = next((i for i in range(start + 2, len(lines)) if lines[i].startswith("--- ")),
               len(lines))
    return lines[start:end]


def test_a_file_new_at_the_step_is_shown_whole_as_added():
    """Step 17's warmup.py is the step's own exercise: there was no 'before step 17'."""
    changes = diff.step_changes(17)
    warmup = file_diff(changes, "warmup.py")
    assert warmup[:2] == ["--- /dev/null", "+++ step17/warmup.py (new at step 17)"]
    added = [line[1:] for line in warmup[3:]]
    assert added == views(17, Path("warmup.py")).solution.splitlines()
    assert "warmup.py (before step 17)" not in changes


def test_a_file_the_step_changes_is_shown_before_and_after():
    dezero = file_diff(diff.step_changes(17), "dezero.py")
    assert dezero[:2] == ["--- step17/dezero.py (before step 17)",
                          "+++ step17/dezero.py (after step 17)"]
    assert any(line.startswith("-") for line in dezero[2:])


def test_a_moved_file_has_a_before_and_a_new_module_does_not():
    """Step 23: dezero.py becomes dezero/core_simple.py; dezero/__init__.py is new."""
    assert not diff.new_at(23, Path("dezero/core_simple.py"))
    assert diff.new_at(23, Path("dezero/__init__.py"))
    assert diff.new_at(1, Path("dezero.py"))  # the first step has no before at all
