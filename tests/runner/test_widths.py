"""Every line the runner prints fits 100 columns, wrapped at words (issue 22, item 4): the
Makefile's STEP check, hints, diffs, prompts, `make next`'s header; widths are measured in
one place (kata.screen.display_width), so that two-column characters can be measured there."""

from __future__ import annotations

import random
import shutil
import subprocess

import pytest

from kata import layout, screen
from kata.cli import main
from kata.commands import diff, progress, reset
from kata.commands.progress import STARTED, StepProgress

WIDTH = 100


def too_wide(lines: list[str]) -> list[str]:
    return [line for line in lines if screen.display_width(line) > WIDTH]


# -- the one helper ------------------------------------------------------------------------------

def test_wrap_breaks_only_between_words():
    rng = random.Random(0)
    for _ in range(200):
        words = ["".join(rng.choice("abc.(3)") for _ in range(rng.randint(1, 15)))
                 for _ in range(rng.randint(1, 40))]
        line = "  " + " ".join(words)
        rows = screen.wrap(line, 40)
        assert all(screen.display_width(row) <= 40 for row in rows), rows
        assert [word for row in rows for word in row.split()] == words  # no word was cut
        assert all(row.startswith("      ") for row in rows[1:])  # continued, indented


def test_widths_are_measured_by_display_width_alone(monkeypatch):
    """Hangul takes two columns: the helper that measures is the one place to say so."""
    monkeypatch.setattr(screen, "display_width", lambda text: 2 * len(text))
    rows = screen.wrap("가나다 라마 바사아 자차 카타파 하", 20)
    assert all(2 * len(row) <= 20 for row in rows) and len(rows) > 1
    assert screen.cut("가나다 라마 바사아", 12) == "가나다…"


def test_a_command_is_never_split_across_rows():
    line = "x" * 80 + " then run make hint STEP=17 LEVEL=2 and read it"
    rows = screen.wrap(line, 100)
    assert any("make hint STEP=17 LEVEL=2" in row for row in rows), rows


# -- the lines the issue names -------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("step", ["99", "0", "1234567890123", "abcdefghijklmnopqrstuvwxyz", ""])
def test_a_bad_step_stops_make_with_a_line_that_fits(step):
    done = subprocess.run(["make", "--no-print-directory", "test", f"STEP={step}"],
                          cwd=layout.ROOT, capture_output=True, text=True, check=False,
                          timeout=60)
    lines = (done.stdout + done.stderr).splitlines()
    assert done.returncode == 2 and len(lines) == 1, lines
    assert not too_wide(lines), lines


@pytest.mark.parametrize("level", ["1", "2", "3"])
def test_every_hint_fits(capsys, level):
    for step in layout.step_numbers():
        assert main(["hint", str(step), "--level", level]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert not too_wide(lines), (step, too_wide(lines))


def test_every_diff_and_solution_fits():
    for step in layout.step_numbers():
        lines = diff.step_changes(step).splitlines() + reset.reference_text(step).splitlines()
        assert not too_wide(lines), (step, too_wide(lines))


def test_the_spoiler_question_wraps_at_words(answer, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    questions = answer("n")
    question = ("Step 40 does not pass on your code yet (6 of its 12 tests fail). Show the "
                "reference's changes anyway?")
    assert not reset.confirm(question, False, "refused")
    rows = questions[0].splitlines()
    assert not too_wide(rows) and len(rows) == 2, rows
    assert rows[-1].endswith("anyway? [y/N] ")
    assert " ".join(questions[0].split()) == f"{question} [y/N]"


def test_diff_says_it_is_checking_before_the_tests_run(kata_copy, answer, capsys, monkeypatch):
    """The tests take a while (13 s for step 40): the screen must not stay blank."""
    kata_copy.edit(2)
    answer("n")
    said = []
    monkeypatch.setattr(progress, "run_step_quietly", lambda step: said.append(
        capsys.readouterr().out) or StepProgress(step, STARTED, 1, 2))
    assert main(["diff", "2"]) == 1
    assert said == ["checking whether step 2 passes on your code…\n"]


def test_the_header_of_make_next_fits(monkeypatch, capsys):
    results = [StepProgress(step, STARTED if step == 59 else progress.NOT_STARTED, 0, 18)
               for step in layout.BOOK_STEPS]
    monkeypatch.setattr(progress, "progress", lambda **options: results)
    monkeypatch.setattr(progress, "run_tests", lambda step, impl, **options: 1)
    monkeypatch.setattr(progress, "cache_key", lambda step: None)
    assert main(["next"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Step 59 — Time series with an RNN") and not too_wide(lines)
    assert "18 of its 18 tests fail" in " ".join(" ".join(lines).split())
