"""`make hint STEP=N LEVEL=1|2|3`: graded hints, and verify's check that all three exist."""

from __future__ import annotations

import pytest

from kata import layout
from kata.cli import main
from kata.commands import hints

HINTS = """# ignored title

## Level 1
The idea.

## Level 2
Where: `Function.__call__`.

## Level 3
Nearly: `return Variable(y)`.
"""


def one_message(err: str) -> bool:
    """One message, no traceback: a long one wraps at words, its rows after the first indented."""
    return len([line for line in err.strip().splitlines() if not line.startswith(" ")]) == 1


def flat(text: str) -> str:
    """The text with its wrapping undone."""
    return " ".join(text.split())



def write_hints(kata_copy, step: int, text: str) -> None:
    (kata_copy.solutions / layout.step_name(step) / "HINTS.md").write_text(text,
                                                                          encoding="utf-8")


def test_parse_hints_splits_the_three_levels():
    assert hints.parse_hints(HINTS) == {1: "The idea.", 2: "Where: `Function.__call__`.",
                                        3: "Nearly: `return Variable(y)`."}


@pytest.mark.parametrize("step", [1, 2])
def test_the_written_steps_have_all_three_levels(kata_copy, step):
    assert hints.missing_hint_levels(step) == []


def test_missing_and_empty_levels_are_reported(kata_copy):
    write_hints(kata_copy, 2, "## Level 1\nThe idea.\n\n## Level 2\n\n")
    assert hints.missing_hint_levels(2) == [2, 3]
    (kata_copy.solutions / "step01" / "HINTS.md").unlink()
    assert hints.missing_hint_levels(1) == [1, 2, 3]


@pytest.mark.parametrize("level, then", [("1", "make hint STEP=2 LEVEL=2"),
                                         ("2", "make hint STEP=2 LEVEL=3"),
                                         ("3", "make solution STEP=2")])
def test_hint_prints_one_level_and_how_to_get_the_next(kata_copy, capsys, level, then):
    write_hints(kata_copy, 2, HINTS)
    assert main(["hint", "2", "--level", level]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Step 2 — {layout.title(2)}: hint {level} of 3")
    assert hints.parse_hints(HINTS)[int(level)] in out
    others = {1, 2, 3} - {int(level)}
    assert not any(hints.parse_hints(HINTS)[other] in out for other in others)
    assert then in out


def test_the_default_level_is_1(kata_copy, capsys):
    assert main(["hint", "1"]) == 0
    assert "hint 1 of 3 (the idea)" in capsys.readouterr().out


@pytest.mark.parametrize("argv, says", [
    (["hint", "99"], "there is no step 99"),
    (["hint"], "say which step"),
    (["hint", "1", "--level", "4"], "LEVEL must be 1"),
    (["hint", "1", "--level", "two"], "LEVEL must be 1"),
])
def test_bad_input_gets_one_line_and_exit_code_2(kata_copy, capsys, argv, says):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert one_message(captured.err) and says in flat(captured.err)


def test_a_missing_level_gets_one_line(kata_copy, capsys):
    write_hints(kata_copy, 2, "## Level 1\nThe idea.\n")
    assert main(["hint", "2", "--level", "3"]) == 2
    err = capsys.readouterr().err
    assert one_message(err) and "has no level 3 hint" in flat(err)
