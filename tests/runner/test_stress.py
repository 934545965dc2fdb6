"""`make stress STEP=N`: many runs of a step's tests, and the verdict on their results."""

from __future__ import annotations

import pytest

from kata import layout
from kata.cli import main
from kata.commands import stress, testrun
from kata.commands.stress import Run, judge

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
    assert lines[0].startswith("step 17 on your code: its own tests, 3 times, each in a fresh "
                               "process")
    first = next(at for at, line in enumerate(lines) if line.startswith("  run 1/3"))
    runs_ = lines[first:first + 3]
    assert [line.split(":")[0] for line in runs_] == ["  run 1/3", "  run 2/3", "  run 3/3"]
    assert "1 passed, 1 failed" in runs_[0] and "2 passed" in runs_[2]
    assert lines[first + 3].startswith("FLAKY")


def test_the_command_runs_the_real_tests(capsys):
    assert main(["stress", "1", "--impl", "solutions", "--runs", "2"]) == 0
    out = capsys.readouterr().out
    assert "stable: all 2 runs gave identical results" in out


@pytest.mark.parametrize("argv", [["stress", "1", "--runs", "0"], ["stress", "1", "--impl", "x"],
                                  ["stress", "99"]])
def test_bad_arguments_stop_with_one_line(argv, capsys):
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith("kata: ")


# -- what a run holds: the step's own tests and the earlier leak tests (issue 22, item 4) --------

def test_a_run_holds_the_steps_own_tests_and_the_earlier_leak_tests(monkeypatch):
    """Not all 900 tests of steps 1-59: the others cannot flake, and make test runs them."""
    commands = []
    monkeypatch.setattr(stress, "run_reported",
                        lambda command, timeout=None: commands.append(command) or
                        testrun.QuietRun(0, {}, "", 0.1))
    stress.run_once(59, "steps")
    [command] = commands
    targets = [arg for arg in command if arg.startswith(("tests", str(layout.TESTS)))]
    assert str(layout.TESTS / "step59") in targets and str(layout.TESTS) not in targets
    assert "tests/step17/test_reference_cycles.py::test_a_chain_is_freed" in targets
    assert "tests/step44/test_layer_memory.py::test_a_layer_keeps_nothing_of_its_last_graph" \
        in targets
    earlier = [arg for arg in targets if "::" in arg]
    assert earlier and all("::test" in arg and arg.startswith("tests/step") for arg in earlier)
    assert not any(arg.startswith(("tests/step37", "tests/step59")) for arg in earlier)
    assert "--kata-all" in command  # every test runs, whatever fails


def test_a_leak_test_is_found_through_its_helpers(tmp_path):
    path = tmp_path / "test_x.py"
    path.write_text(
        "from kata import leaks\n"
        "def check(dezero):\n    with leaks.no_cycles(dezero, 'y'):\n        pass\n"
        "def helper(dezero):\n    check(dezero)\n"
        "def test_direct(dezero):\n    with leaks.no_cycles(dezero, 'y'):\n        pass\n"
        "def test_through_helpers(dezero):\n    helper(dezero)\n"
        "def test_plain(dezero):\n    assert dezero\n"
        "class TestLayer:\n    def test_method(self, dezero):\n        check(dezero)\n",
        encoding="utf-8")
    found = [test.split("::", 1)[1] for test in stress.leak_tests_in(path)]
    assert found == ["test_direct", "test_through_helpers", "TestLayer::test_method"]


def test_a_leak_test_that_no_longer_applies_is_not_run(tmp_path):
    """`until` and `not_at` (on the module, a class or the test) leave a test out, as pytest
    does at that step: stress must not name or count it."""
    path = tmp_path / "test_x.py"
    path.write_text(
        "import pytest\nfrom kata import leaks\n"
        "def test_always(dezero):\n    with leaks.no_cycles(dezero, 'y'):\n        pass\n"
        "@pytest.mark.until(33)\n"
        "def test_until_33(dezero):\n    with leaks.no_cycles(dezero, 'y'):\n        pass\n"
        "@pytest.mark.not_at(40)\n"
        "def test_not_at_40(dezero):\n    with leaks.no_cycles(dezero, 'y'):\n        pass\n",
        encoding="utf-8")
    names = lambda step: [t.split("::", 1)[1] for t in stress.leak_tests_in(path, step)]  # noqa: E731
    assert names(33) == ["test_always", "test_until_33", "test_not_at_40"]
    assert names(40) == ["test_always"]
    assert names(59) == ["test_always", "test_not_at_40"]
    path.write_text("import pytest\nfrom kata import leaks\npytestmark = pytest.mark.until(33)\n"
                    "def test_a(dezero):\n    with leaks.no_cycles(dezero, 'y'):\n        pass\n",
                    encoding="utf-8")
    assert names(33) and not names(34)


def test_stress_says_what_it_runs(monkeypatch, capsys):
    monkeypatch.setattr(stress, "run_once", lambda step, impl: runs(PASSED)[0])
    assert stress.stress(59, "steps", runs=2) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert said.startswith("step 59 on your code: its own tests and the earlier steps' ")
    assert "leak tests (steps 17–18, 20, 22, 32, 44), 2 times" in said
    assert "make test STEP=59 runs them" in said
