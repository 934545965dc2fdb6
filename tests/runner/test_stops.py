"""Runs that stop early (issue 9, item 1 and "test runs that stay fast"): this step's tests
first, the first timeout ends the run, and Ctrl-C still prints the failures so far."""

import os
import re
import signal
import subprocess
import sys
import time

from kata.layout import ROOT
from tests.runner.mutants import PROCESS_LIMIT_S, WIDE, first_failure, run_tests

VARIABLE = "import numpy as np\n\nclass Variable:\n    def __init__(self, data):\n" \
           "        self.data = data\n        self.grad = None\n\n"
ENDLESS = VARIABLE + "class Function:\n    def __call__(self, input):\n" \
                     "        while True:  # the mistake: a condition that never changes\n" \
                     "            pass\n"


def test_the_first_timeout_stops_the_run_and_shows_where_it_was_stuck(tmp_path):
    (tmp_path / "dezero.py").write_text(ENDLESS)
    out = run_tests(tmp_path, 2, "tests", "--timeout=1")
    assert out.count("timed out after") == 1, out  # one test waited, not each of them
    assert first_failure(out) == "timed out after 1.0 s: something never finishes (a loop " \
                                 "whose condition never changes?)", out
    assert re.search(r"stuck in your code: \S+dezero.py:10 in Function.__call__\(\): "
                     r"while True", out), out
    assert "stopped at the first timeout: the other 4 tests were not run" in out, out


def test_an_endless_loop_is_reported_within_about_fifteen_seconds():
    ini = re.search(r"^timeout = (\d+)$", (ROOT / "pyproject.toml").read_text(), re.MULTILINE)
    assert int(ini.group(1)) <= 10  # the one test that waits, plus start-up and collection


def test_this_steps_tests_run_first_and_a_failure_stops_there(tmp_path):
    (tmp_path / "dezero.py").write_text(VARIABLE)  # step 1 is done; step 2 is not started
    out = run_tests(tmp_path, 2, "tests")
    assert "this step's tests:     5 failed\n" in out, out
    assert "earlier steps' tests:  not run: this step's tests fail, fix them first" in out, out
    assert re.search(r"^5 failed in ", out, re.MULTILINE), out  # step 1's tests did not run


def test_when_this_steps_tests_pass_the_earlier_ones_run_too(tmp_path):
    out = run_tests(ROOT / "solutions" / "step02", 2, "tests")
    assert re.search(r"earlier steps' tests:  3 passed +\(step 1, run once this step's "
                     r"tests passed\)", out), out


def test_kata_all_runs_every_test_whatever_fails(tmp_path):
    (tmp_path / "dezero.py").write_text(VARIABLE)
    out = run_tests(tmp_path, 2, "tests", "--kata-all")
    assert "earlier steps' tests:  3 passed" in out, out


CTRL_C = VARIABLE.replace("        self.data = data\n", """\
        if getattr(data, "shape", None) == (2, 3):  # the third test of step 1
            open(__file__ + ".looping", "w").close()
            while True:
                pass
        self.value = data  # the first test fails: no .data
""")


def test_ctrl_c_prints_the_failures_so_far_and_where_it_was(tmp_path):
    (tmp_path / "dezero.py").write_text(CTRL_C)
    looping = tmp_path / "dezero.py.looping"
    script = "from kata.commands import testrun\n" \
             f"try:\n    testrun.run_tests(1, '{tmp_path}')\n" \
             "except KeyboardInterrupt:\n    raise SystemExit(130)\n"
    with subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, start_new_session=True,
                          env={**os.environ, **WIDE}) as run:
        deadline = time.monotonic() + PROCESS_LIMIT_S
        while not looping.exists() and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.05)
        os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C does: the whole foreground group
        out, _ = run.communicate(timeout=PROCESS_LIMIT_S)
    assert run.returncode == 130, out  # the caller learns of the Ctrl-C once pytest has printed
    assert "FAILED test_variable_keeps_its_data: Variable(np.array(1.0)) has no attribute " \
           "`data`" in out, out
    assert first_failure(out) == "interrupted (Ctrl-C) while this test ran", out
    assert re.search(r"it was at, in your code: \S+dezero.py:[78] in Variable.__init__\(\): ",
                     out), out
    assert "this step's tests:     1 failed, 1 passed" in out, out  # the third: interrupted


def test_a_test_file_that_cannot_be_imported_is_not_called_a_ctrl_c(tmp_path):
    broken = tmp_path / "test_broken.py"  # pytest stops after collection, as Ctrl-C would
    broken.write_text("import no_such_module_here\n\n\ndef test_anything():\n    pass\n")
    result = subprocess.run([sys.executable, "-m", "pytest", str(broken), "tests/step01",
                             "--step=1", "--impl=solutions/step01", "-q",
                             "-p", "no:cacheprovider"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    out = result.stdout + result.stderr
    assert "a test file could not be imported, so no test ran (V=1 shows the error)" in out, out
    assert "Ctrl-C" not in out, out
    assert result.returncode != 0, out


def test_every_test_leaves_numpys_global_generator_as_it_found_it(tmp_path):
    tests = tmp_path / "test_seeds.py"  # the kata plugin puts np.random's state back
    tests.write_text("import numpy as np\n\nBEFORE = np.random.get_state()[1].copy()\n\n\n"
                     "def test_one_that_seeds(global_seed):\n    global_seed(123)\n"
                     "    np.random.rand(3)\n\n\n"
                     "def test_the_next_one():\n"
                     "    assert (np.random.get_state()[1] == BEFORE).all()\n")
    result = subprocess.run([sys.executable, "-m", "pytest", str(tests), "--step=1",
                             "--impl=solutions/step01", "-q", "-c", str(ROOT / "pyproject.toml"),
                             "--rootdir", str(ROOT), "--kata-all"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
