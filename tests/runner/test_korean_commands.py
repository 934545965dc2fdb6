"""The learner's commands in Korean (KATA_LANG=ko): hints, progress, reset, bad input.

English, without any language setting, is what the other runner tests check, byte for byte.
Every line fits 100 display columns (Hangul takes two: kata.screen.display_width).
"""

from __future__ import annotations

import pytest

from kata import layout, screen
from kata.cli import main
from kata.commands import hints, progress
from kata.commands.progress import DONE, NOT_STARTED, STARTED, StepProgress
from tests.runner.korean import HANGUL, fits

MAKE_AROUND = len("Makefile:17: *** ") + len(".  Stop.")  # make's words around a STEP error


def korean_hint(step: int, level: int) -> str:
    path = layout.SOLUTIONS / layout.step_name(step) / "HINTS.ko.md"
    return hints.parse_hints(path.read_text(encoding="utf-8"))[level]


# -- make hint -------------------------------------------------------------------------------

def test_make_hint_shows_the_korean_hint_under_a_korean_header(korean, capsys):
    assert main(["hint", "17", "--level", "2"]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first == "17단계 — 메모리 관리와 순환 참조: 힌트 2/3 (코드의 어디인지)", first
    flat_out = " ".join(out.split())
    assert " ".join(korean_hint(17, 2).split()) in flat_out
    assert " ".join(hints.read_hints(17)[2].split()) not in flat_out  # not the English one
    assert korean_hint(17, 1) not in out and korean_hint(17, 3) not in out
    assert out.rstrip().splitlines()[-1] == "아직 막혔나요? make hint STEP=17 LEVEL=3"
    fits(out)


def test_the_last_korean_hint_names_the_solution_and_the_diff(korean, capsys):
    assert main(["hint", "17", "--level", "3"]) == 0
    out = capsys.readouterr().out
    assert "힌트 3/3 (거의 해답)" in out.splitlines()[0]
    assert out.rstrip().splitlines()[-2:] == [
        "마지막 힌트였습니다. 참고 해답: make solution STEP=17",
        "이 단계가 바꾸는 것을 diff로 보기: make diff STEP=17"]
    fits(out)


def test_without_a_language_setting_the_hint_is_english(english, capsys):
    assert main(["hint", "17", "--level", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Step 17 — {layout.title(17)}: hint 2 of 3 (where in the code)\n")
    assert hints.read_hints(17)[2] in out and not HANGUL.search(out)


# -- make progress ---------------------------------------------------------------------------

def test_progress_speaks_korean(korean, kata_copy, monkeypatch, capsys):
    outcomes = {1: StepProgress(1, DONE, 5, 0), 2: StepProgress(2, STARTED, 1, 2)}
    monkeypatch.setattr(progress, "run_step_quietly", lambda step: outcomes[step])
    kata_copy.solve(1)
    kata_copy.edit(2)
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[:2] == ["여러분의 코드로 1–2단계를 테스트합니다(지난번 이후 바뀌었습니다)…",
                         "제1고지: 미분 자동 계산 (1–2단계)"]
    rows = {line.split()[0]: line for line in lines if line.split()[:1] in (["1"], ["2"])}
    assert "완료" in rows["1"] and layout.title(1) in rows["1"] and HANGUL.search(
        layout.title(1))
    assert "진행 중" in rows["2"] and "테스트 3개 중 2개가 실패합니다" in rows["2"]
    assert "완료: 1/2 (50%)   진행 중: 1   다음: 2단계 (make next)" in lines
    assert "바뀐 단계 2개를 지금 테스트했습니다" in out
    fits(out)


def test_the_korean_progress_table_fits_a_100_by_40_screen(korean, monkeypatch, capsys):
    def begun_at_25(**options) -> list[StepProgress]:
        return [StepProgress(step, DONE, 10, 0) if 25 <= step < 28 else
                StepProgress(step, STARTED, 3, 4) if step in (28, 33, 59) else
                StepProgress(step, NOT_STARTED) for step in layout.BOOK_STEPS]

    monkeypatch.setattr(progress, "progress", begun_at_25)
    monkeypatch.setenv("LINES", "40")
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) <= 40 - screen.AROUND, out
    assert "제1고지: 미분 자동 계산 (1–10단계): 시작 전" in lines
    assert any(line.startswith("제5고지: DeZero의 도전 (52–60단계)") for line in lines)
    assert lines[-2].startswith("완료: 3/37 (8%), 여러분이 시작한 25단계부터   진행 중: 3")
    fits(out)


def test_the_korean_status_words_line_up_by_display_width():
    rows = [progress.pad(word, 12) + "|" for word in ("완료", "진행 중", "시작 전", "done")]
    assert {screen.display_width(row) for row in rows} == {13}


# -- make reset ------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["예", "y"])
def test_the_reset_question_is_korean_and_takes_a_korean_yes(korean, kata_copy, answer, capsys,
                                                             typed):
    kata_copy.edit(1)
    questions = answer(typed)
    assert main(["reset", "1"]) == 0
    [question] = questions
    assert " ".join(question.split()) == (
        "1단계의 뼈대 코드(dezero.py)를 되돌려 놓을까요? 바뀐 파일은 먼저 백업합니다. [y/N]")
    fits(question)
    out = capsys.readouterr().out
    flat_out = " ".join(out.split())  # a long path wraps the line
    assert "파일 1개를" in flat_out and "백업했습니다" in flat_out
    assert "여러분의 파일을 다시 가져오려면: make reset STEP=1 RESTORE=" in flat_out


def test_a_korean_no_changes_nothing(korean, kata_copy, answer, capsys):
    kata_copy.edit(1)
    answer("아니요")
    assert main(["reset", "1"]) == 1
    assert capsys.readouterr().out.strip() == "되돌리기를 취소했습니다. 아무것도 바뀌지 않았습니다."
    assert kata_copy.backups() == []


def test_reset_with_no_terminal_refuses_in_korean(korean, kata_copy, no_terminal, capsys):
    kata_copy.edit(1)
    assert main(["reset", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kata: 되돌리기(make reset)는 먼저 물어봅니다") and "YES=1" in err
    fits(err)


# -- bad input -------------------------------------------------------------------------------

@pytest.mark.parametrize("step, says", [
    ("99", "kata: 99단계는 없습니다. 단계는 "),
    ("abc", "kata: STEP에는 STEP=17처럼 단계 번호를 써야 합니다. 'abc' 값은"),
    ("", "kata: 어느 단계인지 알려 주세요. 예: STEP="),
])
def test_a_bad_step_gets_one_korean_line(korean, capsys, step, says):
    assert main(["hint", step]) == 2
    err = capsys.readouterr().err
    assert err.startswith(says) and len(err.strip().splitlines()) == 1, err
    fits(err)


@pytest.mark.parametrize("step", ["99", "123456789012", "abc", "", "0"])
def test_the_makefiles_step_check_fits_within_makes_words(korean, capsys, step):
    """`Makefile:17: *** <the problem>.  Stop.` on one row of 100 columns."""
    assert layout._check_step_cli([step]) == 0
    problem = capsys.readouterr().out.strip()
    assert HANGUL.search(problem), problem
    assert screen.display_width(problem) + MAKE_AROUND <= screen.WIDTH, problem


def test_a_bad_level_and_impl_get_korean_lines(korean, capsys):
    assert main(["hint", "17", "--level", "5"]) == 2
    assert capsys.readouterr().err.startswith("kata: LEVEL은 1(핵심 아이디어), 2(코드의 어디인지)")
    assert main(["test", "17", "--impl", "mine"]) == 2
    assert capsys.readouterr().err.startswith("kata: IMPL은 steps, solutions 중 하나여야 합니다")


# -- make solution ---------------------------------------------------------------------------

def test_the_solution_header_is_korean(korean, capsys):
    assert main(["solution", "17", "--yes"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("17단계의 참고 해답 — 메모리 관리와 순환 참조 (solutions/step17, 마커 "
                          "제거)\n")
    assert out.rstrip().endswith("이 단계가 바꾸는 것을 diff로 보기: make diff STEP=17")
