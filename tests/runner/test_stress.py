"""`make stress STEP=N`: many runs of a step's tests, and the verdict on their results."""

from __future__ import annotations

import pytest

from kata import stress
from kata.cli import main
from kata.stress import Run, judge

PASSED = {"t::a": "passed", "t::b": "passed"}
ONE_FAILS = {"t::a": "passed", "t::b": "failed"}


def runs(*outcomes: dict, exit_code: int | None = None) -> list[Run]:
    return [Run(o, 1 if "failed" in o.values() else 0 if exit_code is None else exit_code, 0.1)
            for o in outcomes]


def test_identical_passing_runs_are_stable_and_ok():
    verdict = judge(runs(PASSED, PASSED, PASSED), "solutions")
    assert (verdict.stable, verdict.ok) == (True, True)
    assert verdict.lines == ["stable: all 3 runs gave identical results: 2 passed, every time."]


def test_a_skeleton_failing_the_same_tests_every_time_is_stable():
    verdict = judge(runs(ONE_FAILS, ONE_FAILS), "steps")
    assert (verdict.stable, verdict.ok) == (True, True)
    assert verdict.lines[0] == ("stable: all 2 runs gave identical results: the same 1 test(s) "
                                "failed every time.")


def test_a_solution_failing_the_same_tests_every_time_is_stable_but_not_ok():
    verdict = judge(runs(ONE_FAILS, ONE_FAILS), "solutions")
    assert (verdict.stable, verdict.ok) == (True, False)
    assert "NOT OK" in verdict.lines[-1]


@pytest.mark.parametrize("impl", ["steps", "solutions"])
def test_a_test_that_changes_its_result_is_flaky(impl):
    verdict = judge(runs(PASSED, ONE_FAILS, PASSED, PASSED), impl)
    assert (verdict.stable, verdict.ok) == (False, False)
    assert verdict.lines == ["FLAKY: 1 test(s) did not give the same result in every run:",
                             "  t::b: passed in 3, failed in 1 of 4 runs"]


def test_a_test_missing_from_a_run_is_flaky():
    verdict = judge(runs(PASSED, {"t::a": "passed"}), "steps")
    assert not verdict.stable
    assert "  t::b: passed in 1, missing in 1 of 2 runs" in verdict.lines


def test_a_run_where_pytest_stopped_is_broken():
    verdict = judge(runs(PASSED) + runs({}, exit_code=3), "steps")
    assert (verdict.stable, verdict.ok) == (False, False)
    assert verdict.lines[0].startswith("BROKEN: pytest itself stopped in run(s) 2")


def test_stress_prints_a_line_per_run_and_the_verdict(monkeypatch, capsys):
    results = iter(runs(ONE_FAILS, ONE_FAILS, PASSED))
    monkeypatch.setattr(stress, "run_once", lambda step, impl: next(results))
    assert stress.stress(17, "steps", runs=3) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "step 17 (steps): its tests 3 times in a row, each in a fresh process"
    assert [line.split(":")[0] for line in lines[1:4]] == ["  run 1/3", "  run 2/3", "  run 3/3"]
    assert "1 passed, 1 failed" in lines[1] and "2 passed" in lines[3]
    assert lines[4].startswith("FLAKY")


def test_the_command_runs_the_real_tests(capsys):
    assert main(["stress", "1", "--impl", "solutions", "--runs", "2"]) == 0
    out = capsys.readouterr().out
    assert "stable: all 2 runs gave identical results" in out


@pytest.mark.parametrize("argv", [["stress", "1", "--runs", "0"], ["stress", "1", "--impl", "x"],
                                  ["stress", "99"]])
def test_bad_arguments_stop_with_one_line(argv, capsys):
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith("kata: ")
