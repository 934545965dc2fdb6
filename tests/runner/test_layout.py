"""Bad STEP values: one clear line, exit code 2, from make and from the runner alike."""

import shutil
import subprocess
import sys

import pytest

import kata.layout
from kata.layout import ROOT, UsageError, describe_steps, parse_step, step_numbers


@pytest.mark.parametrize("text, says", [
    ("", "say which step"),
    ("abc", "must be a step number"),
    ("-3", "must be a step number"),
    ("99", "there is no step 99: the steps are 1–61 \\(1–60 the book's, 61 a bonus\\)"),
    ("0", "there is no step 0"),
    ("62", "there is no step 62"),
])
def test_parse_step_rejects_bad_input_in_one_line(text, says):
    with pytest.raises(UsageError, match=says) as problem:
        parse_step(text)
    assert "\n" not in str(problem.value)


def test_parse_step_accepts_existing_steps_with_or_without_zeros():
    assert parse_step("1") == 1
    assert parse_step("01") == 1


@pytest.mark.parametrize("step", [45, 60, 61])
def test_a_step_of_the_book_not_written_yet_says_so(step, monkeypatch):
    """As the README says of the steps to come (here with steps 1-36 written)."""
    monkeypatch.setattr(kata.layout, "step_numbers", lambda: list(range(1, 37)))
    with pytest.raises(UsageError) as problem:
        parse_step(str(step))
    assert str(problem.value) == f"step {step} is not written yet (steps that exist: 1–36)"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_says_a_step_is_not_written_yet():
    missing = [step for step in kata.layout.BOOK_STEPS if step not in step_numbers()]
    if not missing:
        pytest.skip("every step of the book is written")
    step = missing[0]
    result = subprocess.run(["make", "--no-print-directory", "hint", f"STEP={step}",
                             f"PYTHON={sys.executable}"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 2 and f"step {step} is not written yet" in result.stderr


def test_unknown_step_lists_the_steps_that_exist():
    with pytest.raises(UsageError) as problem:
        parse_step("99")
    assert describe_steps(step_numbers()) in str(problem.value)


def test_describe_steps_folds_runs():
    assert describe_steps([1, 2, 3, 5, 7, 8]) == "1–3, 5, 7–8"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("step", ["", "abc", "99"])
def test_make_rejects_a_bad_step_with_one_line_and_exit_code_2(step):
    result = subprocess.run(["make", "--no-print-directory", "test", f"STEP={step}",
                             f"PYTHON={sys.executable}"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_runner_rejects_a_bad_step_with_exit_code_2():
    result = subprocess.run([sys.executable, "-m", "kata", "test", "abc"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "kata: STEP must be a step number such as STEP=17, not 'abc'"]


def test_only_the_path_inside_the_repository_names_a_step():
    from kata.layout import ROOT, step_of_path

    assert step_of_path("tests/step03/test_x.py") == 3
    assert step_of_path(ROOT / "tests" / "step03" / "test_x.py") == 3
    assert step_of_path(ROOT / "tests" / "runner" / "test_x.py") is None
