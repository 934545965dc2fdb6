"""What a failing run puts on the screen (issue 9, items 5 and 6; issue 14, item 1): the
failure to fix first last, every other failing test named, lines fitted to the width."""

import pytest

from kata import ordering, screen
from kata.ordering import Failure
from tests.runner.mutants import first_failure, mutant, run_tests, skeleton

SCREEN = {"COLUMNS": "100", "LINES": "40"}  # the terminal the learner review used


def failure(name, message="x: expected 1.0, got 2.0", rank=ordering.OTHER, position=0,
            family=None):
    family = family or f"tests/step09/test_x.py::{name.split('[')[0]}"
    return Failure(name, family, f"{message}\n  test: tests/step09/test_x.py:3", rank, position)


# -- fitting the width ----------------------------------------------------------------------------

def test_a_long_line_wraps_at_words_with_an_indent():
    line = "  this step's tests: " + "word " * 30
    rows = screen.wrap(line.rstrip(), 40)
    assert all(len(row) <= 40 for row in rows) and len(rows) > 1
    assert rows[0].startswith("  this") and all(row.startswith("      ") for row in rows[1:])
    assert " ".join(" ".join(row.split()) for row in rows) == " ".join(line.split())


def test_a_cut_line_ends_at_a_word():
    cut = screen.cut("FAILED test_x: the array set as y.grad before y.backward()", 40)
    assert cut == "FAILED test_x: the array set as y.grad…" and len(cut) <= 40


def test_rows_count_a_word_wider_than_the_screen():
    assert screen.rows(["x" * 250, "short"], 100) == 4


# -- the order: the one that explains first -------------------------------------------------------

def test_a_failure_that_explains_comes_before_the_others():
    plain, explains = failure("test_a", position=0), failure("test_b", position=1,
                                                             rank=ordering.EXPLAINS)
    named = failure("test_c", position=2, rank=ordering.NAMED_MISTAKE)
    stopped = failure("test_d", position=3, rank=ordering.STOPPED)
    assert ordering.ordered([plain, explains, named, stopped]) == [stopped, explains, named,
                                                                  plain]


def test_the_simplest_case_of_a_family_stands_for_it():
    big = failure("test_mix[ndarray-minus-x, shape 2x3]", "y: expected [[1.0, 2.0, 3.0]], "
                  "got [[-1.0, -2.0, -3.0]]", position=0)
    small = failure("test_mix[3-minus-x, shape ()]", "y: expected 1.0, got -1.0", position=1)
    other = failure("test_other", position=2)
    assert ordering.ordered([big, small, other]) == [small, other, big]


def test_the_rank_comes_from_the_marker_and_the_message():
    assert ordering.rank(explains_marker=True, named_mistake=False) == ordering.EXPLAINS
    assert ordering.rank(False, True) == ordering.NAMED_MISTAKE
    assert ordering.rank(False, False) == ordering.OTHER
    assert ordering.rank(True, True, stopped=True) == ordering.STOPPED


# -- the list: the first in full, last; every other one named -------------------------------------

def test_every_failing_test_is_named_and_the_first_is_last_in_full():
    failures = [failure(f"test_{n}", f"message {n} " + "word " * 20, position=n)
                for n in range(30)]
    lines = screen.failure_list(failures, 100, 25, "30 tests failed:")
    full = screen.fit_all(["FAILED test_0", *failures[0].text.splitlines()], 100)
    assert lines[-len(full):] == full and full[-1] == "  test: tests/step09/test_x.py:3"
    shown = "\n".join(lines)
    assert all(f"test_{n}" in shown for n in range(30)), shown  # none hidden under "more"
    assert "more, with other messages" not in shown
    assert len(lines) <= 25 and all(len(line) <= 100 for line in lines), lines


def test_with_room_each_failure_gets_its_message_on_one_line():
    failures = [failure(f"test_{n}", f"message {n}", position=n) for n in range(3)]
    lines = screen.failure_list(failures, 100, 40, "3 tests failed:")
    assert lines[1:3] == ["FAILED test_1: message 1", "FAILED test_2: message 2"]


def test_cases_of_one_family_are_counted_on_one_line():
    family = "tests/step22/t.py::test_mix"
    failures = [failure(f"test_mix[{n}]", f"m{n}", position=n, family=family) for n in range(5)]
    lines = screen.failure_list(failures, 100, 40, "5 tests failed:")
    assert lines[1] == "FAILED test_mix (4 more cases): m1", lines


# -- the untouched step 17 skeleton on a 100 x 40 screen ------------------------------------------

@pytest.fixture(scope="module")
def step17_skeleton(tmp_path_factory):
    return run_tests(skeleton(tmp_path_factory.mktemp("skeleton"), 17), 17, "tests",
                     screen=SCREEN)


def test_the_step_17_skeleton_fits_forty_rows_with_the_leak_report_last(step17_skeleton):
    out = step17_skeleton
    rows = out.rstrip("\n").splitlines()
    assert len(rows) + 2 <= 40, out  # with make's last line and the prompt
    assert all(len(row) <= 100 for row in rows), out
    tail = "\n".join(rows[-16:])  # what the eye meets: the first failure's essentials, the summary
    assert first_failure(out).startswith("memory leak: `y = square(exp(square(x)))` left"), out
    assert "Each arrow is a reference" in tail and "What to change: steps/step17/README.md" \
        in tail.replace("\n    ", " "), out
    assert rows[-1].startswith("19 failed"), out


def test_the_step_17_skeleton_names_each_failing_test(step17_skeleton):
    for name in ["test_the_diamond_is_freed", "test_alive_counts_the_living",
                 "test_a_weak_output_dies_with_its_variable",
                 "test_backward_works_once_the_intermediate_names_are_gone (4 cases)"]:
        assert name in step17_skeleton, step17_skeleton


# -- the first failure is the one that explains (issue 14, item 1) --------------------------------

def test_step_14_in_place_add_shows_the_in_place_message_first(tmp_path):
    folder = mutant(tmp_path, 14, "dezero.py", (
        "x.grad = gx if x.grad is None else x.grad + gx",
        "if x.grad is None:\n                    x.grad = gx\n"
        "                else:\n                    x.grad += gx"))
    out = run_tests(folder, 14)
    assert "it was changed in place: write x.grad = x.grad + gx, not x.grad += gx" \
        in first_failure(out), out


def test_a_marked_test_failing_for_another_reason_does_not_come_first(tmp_path):
    folder = mutant(tmp_path, 14, "dezero.py", (  # step 14's mistake: the grad replaced
        "x.grad = gx if x.grad is None else x.grad + gx", "x.grad = gx"))
    out = run_tests(folder, 14, "-k", "not cleargrad")
    assert "the gradient of one use of x only" in first_failure(out), out


def test_step_22_reversed_rsub_shows_the_swapped_operands_first(tmp_path):
    folder = mutant(tmp_path, 22, "dezero.py",
                    ("Variable.__rsub__ = rsub", "Variable.__rsub__ = sub"))
    out = run_tests(folder, 22)
    first = first_failure(out)
    assert "that is the negation of the right result" in first, out
    assert "ndarray" not in first and "shape ()" in first, out  # the simplest case: a number


def test_the_message_of_the_failure_in_full_is_not_repeated_above_it():
    failures = [failure(f"test_{n}", "not written yet: TODO(step 01): write " + "x" * 80,
                        position=n) for n in range(3)]
    lines = screen.failure_list(failures, 100, 40, "3 tests failed:")
    assert lines[1] == "FAILED test_1, test_2: the same as below", lines
