"""kata.pytest_plugin: what a learner sees when their dezero is broken in various ways."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from kata.layout import ROOT
from tests.runner.mutants import WIDE, first_failure, run_tests


def run_step1(tmp_path, source: str, *options: str) -> str:
    """Run step 1's tests against a dezero.py with `source`; return what pytest printed."""
    (tmp_path / "dezero.py").write_text(source)
    result = subprocess.run([sys.executable, "-m", "pytest", "tests/step01", "--step=1",
                             f"--impl={tmp_path}", "-q", *options],
                            cwd=ROOT, capture_output=True, text=True, check=False,
                            env={**os.environ, **WIDE})
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout


def test_a_missing_name_is_one_plain_sentence(tmp_path):
    out = run_step1(tmp_path, "x = 1\n")
    assert "dezero.py defines no `Variable`" in out
    assert "AttributeError" not in out and "Traceback" not in out


def test_a_syntax_error_points_at_the_line(tmp_path):
    out = run_step1(tmp_path, "class Variable:\n    def __init__(self, data)\n")
    assert "dezero.py:2: expected ':' — dezero cannot be imported until this is fixed" in out


def test_an_exception_shows_the_learners_line_and_the_test(tmp_path):
    out = run_step1(tmp_path, "class Variable:\n    def __init__(self, data):\n"
                              "        self.data = data[0]\n")
    assert "IndexError: too many indices" in out
    assert "in your code: " in out
    assert "dezero.py:3 in Variable.__init__(): self.data = data[0]" in out, out
    assert "test: tests/step01/test_variable.py:" in out


def test_an_endless_loop_times_out_with_a_plain_message(tmp_path):
    out = run_step1(tmp_path, "class Variable:\n    def __init__(self, data):\n"
                              "        while True:\n            pass\n", "--timeout=1")
    assert "timed out after 1.0 s" in out


def test_full_tracebacks_on_request(tmp_path):
    source = "class Variable:\n    def __init__(self, data):\n        self.data = data[0]\n"
    brief, full = run_step1(tmp_path, source), run_step1(tmp_path, source, "--kata-full")
    assert "in your code:" in brief and "Traceback" not in brief and "E   " not in brief
    assert "in your code:" not in full and "E       IndexError" in full


def test_a_test_whose_markers_leave_no_step_is_refused(tmp_path):
    tests = tmp_path / "tests" / "step03"
    tests.mkdir(parents=True)
    (tests / "test_x.py").write_text("import pytest\n\n@pytest.mark.until(2)\n"
                                     "def test_x():\n    pass\n")
    result = subprocess.run([sys.executable, "-m", "pytest", str(tests), "--step=3",
                             "--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml")],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert "its until/not_at markers leave no step where it runs" in result.stderr


@pytest.mark.parametrize("args", [["tests/step01"], ["tests/step01", "--step=1"]])
def test_the_summary_separates_this_step_from_earlier_ones(args):
    result = subprocess.run([sys.executable, "-m", "pytest", *args, "--impl=solutions", "-q"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert re.search(r"this step's tests: +\d+ passed\n", result.stdout), result.stdout
    assert "make diff" not in result.stdout  # the reference itself: nothing to do next


def test_pytest_without_a_step_says_how_to_give_one():
    result = subprocess.run([sys.executable, "-m", "pytest", "tests", "-q"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "say which step to test: pytest --step 17" in result.stderr + result.stdout


def test_failures_with_one_message_are_named_on_one_line(tmp_path):
    (tmp_path / "dezero.py").write_text("class Variable:\n    def __init__(self, data):\n"
                                        "        self.data = data\n")
    out = run_tests(tmp_path, 2)
    assert first_failure(out).endswith("defines no `Square` (step 2: see steps/step02/README.md)")
    assert re.search(r"FAILED test_\w+, test_\w+: .*defines no `", out), out
    assert "Traceback" not in out and "FAILURES" not in out


def test_a_syntax_error_is_counted_as_errors(tmp_path):
    out = run_step1(tmp_path, "class Variable(\n")
    assert "this step's tests:     3 errors" in out and "failed" not in out.split("Step 1")[1]


def test_a_deleted_dezero_suggests_make_reset(tmp_path, monkeypatch):
    from kata import pytest_plugin

    folder = tmp_path / "steps" / "step17"
    folder.mkdir(parents=True)
    monkeypatch.setattr(pytest_plugin, "STEPS", tmp_path / "steps")
    problem = pytest_plugin._describe_import_error(ModuleNotFoundError(name="dezero"), folder)
    assert problem.endswith(": make reset STEP=17 puts the skeleton back (your files are "
                            "backed up first)"), problem
    elsewhere = pytest_plugin._describe_import_error(ModuleNotFoundError(name="dezero"),
                                                     tmp_path / "step17")
    assert "make reset" not in elsewhere  # not a learner's folder: nothing to reset


def test_a_green_run_says_what_to_do_next(tmp_path):
    shutil.copytree(ROOT / "solutions" / "step02", tmp_path / "step02")
    out = run_tests(tmp_path / "step02", 2, "tests")
    assert out.splitlines()[-2] == ("Step 2 passes. Next: make diff STEP=2 shows how the "
                                    "reference solved it; make next goes on to the next step.")


def test_a_long_list_of_failures_names_every_failing_test(tmp_path):
    (tmp_path / "dezero.py").write_text("x = 1\n")  # every test of steps 1-9 fails
    report = tmp_path / "report.json"
    out = run_tests(tmp_path, 9, "tests", "--kata-all", f"--kata-report={report}",
                    screen={"COLUMNS": "100", "LINES": "40"})
    failing = [test for test, entry in json.loads(report.read_text()).items()
               if entry["outcome"] == "failed"]
    assert len(failing) > 40, out
    for test in failing:  # by its name, or its family's name with the count of its cases
        assert test.split("::")[-1].split("[")[0] in out, test
    assert "more, with other messages" not in out and "... and" not in out
    assert all(len(line) <= 100 for line in out.splitlines()[1:]), out
