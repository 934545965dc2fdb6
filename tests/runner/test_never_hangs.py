"""The runner never hangs and never crashes on a learner's mistake (issue 22, section 1).

Every endless loop is stopped by the per-test timeout, in any kind of test (a Hypothesis
`@given` test catches pytest's own timeout and replays the example with no alarm left), and
no mistake ends in an INTERNALERROR (a RecursionError's thousand frames once took longer to
describe than the timeout allows, and the alarm rang inside pytest's reporting).
"""

import subprocess
import sys

import pytest

from kata import pytest_plugin
from kata.layout import ROOT
from tests.runner.mutants import PROCESS_LIMIT_S, first_failure, mutant, run

# Step 40: BroadcastTo.backward never returns; only the property-based tests reach it.
ENDLESS_BROADCAST = ("        return sum_to(gy, self.x_shape)\n",
                     "        while True:\n            pass\n")
# Step 59: unchain_backward as a recursion, a natural first attempt.
RECURSIVE_UNCHAIN = ("""\
        funcs = [self.creator]
        while funcs:
            f = funcs.pop()
            for x in f.inputs:
                if x.creator is not None:
                    funcs.append(x.creator)  # still to visit: its inputs come next
                    x.unchain()  # so a Variable reached twice is cut once
""", """\
        for x in self.creator.inputs:
            if x.creator is not None:
                x.unchain_backward()
                x.unchain()
""")


def test_an_endless_loop_inside_a_given_test_is_stopped(tmp_path):
    folder = mutant(tmp_path, 40, "dezero/functions.py", ENDLESS_BROADCAST)
    done = run(folder, 40, "tests/step40/test_broadcast.py", "--timeout=5",
               "-k", "broadcast_to_and_sum_to_over_shapes or utils_sum_to or books_example")
    out = done.output
    assert done.exit_code == 1, out
    assert out.count("timed out after 5.0 s") == 1, out
    assert first_failure(out).startswith("timed out after 5.0 s: something never finishes"), out
    assert "stuck in your code: " in out and "functions.py:" in out, out
    assert "in BroadcastTo.backward(): while True:" in out, out
    assert "stopped at the first timeout" in out, out
    assert "INTERNALERROR" not in out, out


def test_a_timeout_swallowed_by_the_learner_rings_again(tmp_path):
    tests = tmp_path / "test_swallow.py"
    tests.write_text("def test_swallows():\n    try:\n        while True:\n            pass\n"
                     "    except BaseException:  # a bare except in the learner's code\n"
                     "        pass\n    while True:\n        pass\n\n\n"
                     "def test_never_run():\n    pass\n")
    done = subprocess.run([sys.executable, "-m", "pytest", str(tests), "--step=1",
                           "--impl=solutions/step01", "-q", "-p", "no:cacheprovider",
                           "--timeout=1", "-c", str(ROOT / "pyproject.toml"),
                           "--rootdir", str(ROOT)],
                          cwd=ROOT, capture_output=True, text=True, check=False,
                          timeout=PROCESS_LIMIT_S)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "timed out after 1.0 s" in out, out
    assert "1 failed in " in out and "passed" not in out, out  # and the run stopped there


def test_the_alarm_never_rings_inside_pytests_reporting(tmp_path):
    """Reporting that takes longer than the timeout (describing a RecursionError's thousand
    frames once did) ends in a report, never an INTERNALERROR: the alarm rings inside a
    test's set-up, body or tear-down only."""
    (tmp_path / "conftest.py").write_text(
        "import time\n\nimport pytest\n\n\n@pytest.hookimpl(wrapper=True)\n"
        "def pytest_runtest_makereport(item, call):\n    report = yield\n"
        "    end = time.monotonic() + 2  # past the timeout\n"
        "    while time.monotonic() < end:\n        pass\n    return report\n")
    (tmp_path / "test_quick.py").write_text("def test_quick():\n    pass\n")
    done = subprocess.run([sys.executable, "-m", "pytest", str(tmp_path / "test_quick.py"),
                           "--step=1", "--impl=solutions/step01", "-q", "-p", "no:cacheprovider",
                           "--timeout=1", "-c", str(ROOT / "pyproject.toml"),
                           "--rootdir", str(ROOT)],
                          cwd=ROOT, capture_output=True, text=True, check=False,
                          timeout=PROCESS_LIMIT_S)
    out = done.stdout + done.stderr
    assert "INTERNALERROR" not in out, out
    assert done.returncode in (0, 1), out  # a run that reported (the test may count as slow)


def test_a_recursion_too_deep_is_one_failure_that_says_use_a_loop(tmp_path):
    folder = mutant(tmp_path, 59, "dezero/core.py", RECURSIVE_UNCHAIN)
    done = run(folder, 59, "tests/step59/test_unchain.py")
    out = done.output
    assert "INTERNALERROR" not in out, out
    assert done.exit_code == 1, out
    assert first_failure(out) == (
        "RecursionError: unchain_backward() calls itself for each step back through the "
        f"graph, and this graph is deeper than Python's recursion limit "
        f"({sys.getrecursionlimit()} calls): walk it with a loop instead, as backward does "
        "(a list of the functions still to visit)"), out
    assert "in your code: " in out and "core.py:" in out, out
    assert "in Variable.unchain_backward(): x.unchain_backward()" in out, out
    assert "this step's tests:     1 failed, " in out, out


def test_a_recursion_without_end_says_so(tmp_path):
    (tmp_path / "dezero.py").write_text("class Variable:\n    def __init__(self, data):\n"
                                        "        self.data = data\n"
                                        "        self.__init__(data)\n")
    done = run(tmp_path, 1)
    out = done.output
    assert "INTERNALERROR" not in out and done.exit_code == 1, out
    assert first_failure(out).startswith(
        "RecursionError: __init__() calls itself again and again on the same self, without "
        "end"), out
    assert "dezero.py:4 in Variable.__init__(): self.__init__(data)" in out, out


def test_describing_a_recursion_reads_the_source_of_the_frames_it_names(tmp_path, monkeypatch):
    from _pytest._code.code import TracebackEntry

    (tmp_path / "deep.py").write_text("def down(n):\n    return down(n + 1)\n")
    sys.path.insert(0, str(tmp_path))
    try:
        import deep
    finally:
        sys.path.remove(str(tmp_path))
    with pytest.raises(RecursionError) as excinfo:
        deep.down(0)
    read = []
    statement = TracebackEntry.statement
    monkeypatch.setattr(TracebackEntry, "statement",
                        property(lambda entry: read.append(entry) or statement.fget(entry)))
    learner, _ = pytest_plugin._locations(excinfo, tmp_path)
    assert learner.endswith("deep.py:2 in down(): return down(n + 1)"), learner
    assert len(excinfo.traceback) > 100 and len(read) <= 2, len(read)

