"""The test-run screen in Korean (issue 24): the untouched step-17 skeleton's run speaks the
learner's language, its last rows on a 100 x 40 screen hold the first leak report, and no row
is wider than 100 columns, Hangul counting two; without a language setting it is the English
screen it always was."""

from __future__ import annotations

import pytest

from kata import i18n, screen
from kata.maintainer import translations
from tests.runner import mutants
from tests.runner.korean import HANGUL
from tests.runner.mutants import first_failure, run_tests

SCREEN = {"COLUMNS": "100", "LINES": "40"}  # the terminal the learner review used
LANGUAGE = ("KATA_LANG", "LC_ALL", "LC_MESSAGES", "LANG")  # what chooses the language
LIBRARY = ("kata/pytest_plugin.py", "kata/leaks.py", "kata/screen.py", "kata/checks.py",
           "kata/missing.py")  # the test-time library: what a test run prints


def korean(message: str, plural: str = "", n: int = 1) -> str:
    """The Korean of a runner message, read from the catalog (so a reworded translation
    needs no change here); it must be a translation, not the English fallback. A message
    with a plural is looked up as ngettext does (gettext finds it on Python 3.11+ only)."""
    catalog = i18n.translation("ko")
    said = catalog.ngettext(message, plural, n) if plural else catalog.gettext(message)
    assert HANGUL.search(said), f"the Korean catalog has no translation of {message!r}"
    return said


def joined(rows: list[str]) -> str:
    """Rows with the wrapped lines joined back, to look for a sentence in them."""
    return "\n".join(rows).replace("\n    ", " ")


@pytest.fixture(scope="module")
def skeleton(tmp_path_factory):
    return mutants.skeleton(tmp_path_factory.mktemp("skeleton"), 17)


@pytest.fixture(scope="module")
def speaking(skeleton):
    """The step-17 skeleton's run with only `language` choosing the runner's language."""
    def run(**language: str) -> str:
        with pytest.MonkeyPatch.context() as patch:
            for name in LANGUAGE:
                patch.delenv(name, raising=False)
            return run_tests(skeleton, 17, "tests", screen={**SCREEN, **language})

    return run


@pytest.fixture(scope="module", params=[{"KATA_LANG": "ko"}, {"LANG": "ko_KR.UTF-8"}],
                ids=["KATA_LANG=ko", "LANG=ko_KR.UTF-8"])
def in_korean(request, speaking):
    if i18n.saved() not in ("", "ko") and "LANG" in request.param:
        pytest.skip("`make lang` chose another language here, which wins over the locale")
    return speaking(**request.param)


def test_the_step_17_skeleton_in_korean_fits_forty_rows_with_the_leak_report_last(in_korean):
    rows = in_korean.rstrip("\n").splitlines()
    assert len(rows) + 2 <= 40, in_korean  # with make's last line and the prompt
    assert all(screen.display_width(row) <= 100 for row in rows), in_korean
    leak = korean("memory leak: `{what}` left {n} object alive after `del`: {kinds}.",
                  "memory leak: `{what}` left {n} objects alive after `del`: {kinds}.", 7).format(
        what="y = square(exp(square(x)))", n=7, kinds=", ".join(
            korean("{n} {kind}").format(n=n, kind=kind)
            for n, kind in [(4, "Variable"), (2, "Square"), (1, "Exp")]))
    assert leak.startswith(first_failure(in_korean)), in_korean  # the one shown in full ...
    last = max(at for at, row in enumerate(rows) if row.startswith("FAILED "))
    assert leak in joined(rows[last:]) and len(rows) - last <= 22, in_korean  # ... at the end
    tail = joined(rows[-17:])  # what the eye meets: the first failure's essentials, the summary
    for essential in ["Variable.creator → Square → Square.outputs[0] → Variable",
                      korean("Each arrow is a reference; the last leads back to the start, so "
                             "every object in the ring is still referred to, and reference "
                             "counting never frees it."),
                      korean('What to change: {guide}, "Reading a leak report".').format(
                          guide="steps/step17/README.ko.md"),
                      korean("guide: {guide}   hints: make hint STEP={step}").format(
                          guide="steps/step17/README.ko.md", step=17)]:
        assert essential in tail, (essential, in_korean)
    assert rows[-1].startswith("19 failed"), in_korean  # pytest's own last line


def test_the_korean_screen_says_once_that_the_tests_own_messages_are_english(in_korean):
    note = korean("(the tests' own messages, expected … got …, are in English)")
    assert in_korean.count(note) == 1, in_korean


def test_the_runner_says_none_of_its_own_english_sentences_in_korean(in_korean):
    for english in ["memory leak:", "Reference cycles keep them", "Each arrow is a reference",
                    "What to change:", "the first to fix is the last", "this step's tests",
                    "earlier steps' tests", "guide:", "not written yet", "also failing",
                    "the same as below", "cases)", "test: tests/"]:
        assert english not in in_korean, (english, in_korean)


def test_without_a_language_setting_the_screen_is_english_as_before(speaking, skeleton):
    if i18n.saved() not in ("", "en"):
        pytest.skip("`make lang` chose another language in this repository")
    out = speaking()
    assert not HANGUL.search(out), out
    assert first_failure(out) == ("memory leak: `y = square(exp(square(x)))` left 7 objects "
                                  "alive after `del`: 4 Variable, 2 Square, 1")
    rows = out.rstrip("\n").splitlines()
    assert rows[-4:-1] == [
        "  this step's tests:     19 failed",
        "  earlier steps' tests:  not run: this step's tests fail, fix them first   (steps 1–16)",
        "  guide: steps/step17/README.md   hints: make hint STEP=17"], out
    assert f"Step 17 ({skeleton}: {skeleton}/dezero.py, {skeleton}/warmup.py)" in joined(rows)
    english = speaking(KATA_LANG="en", LANG="ko_KR.UTF-8")  # KATA_LANG wins over the locale
    assert english.splitlines()[:-1] == out.splitlines()[:-1]  # the last line: pytest's time


# -- the one width helper, and the catalog -------------------------------------------------------

def test_hangul_takes_two_columns_and_a_control_character_one():
    assert screen.display_width("메모리 누수: x") == 14
    assert screen.display_width("a\tb") == 3 == len("a\tb")
    assert screen.display_width("e\u0301") == 1  # a combining accent takes no column
    rows = screen.wrap("  " + "순환 참조가 붙잡고 있습니다 " * 12, 40)
    assert len(rows) > 1 and all(screen.display_width(row) <= 40 for row in rows), rows


def test_every_message_of_a_test_run_has_its_korean():
    problems = [problem for problem in translations.check_catalog("ko")
                if any(module in problem for module in LIBRARY)]
    assert problems == []


def test_the_summary_lines_stay_aligned_in_korean():
    """`this step's tests:` and `earlier steps' tests:` end their labels in one column."""
    this = korean("this step's tests:     {tally}").split("{tally}")[0]
    earlier = korean("earlier steps' tests:  {tally}   ({steps})").split("{tally}")[0]
    assert screen.display_width(this) == screen.display_width(earlier)

