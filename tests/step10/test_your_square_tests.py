"""Step 10: your tests for square (test_square.py in the step's folder) are themselves tested.

They run in a separate pytest, first on the dezero.py of the folder under test, where they
must pass, then on broken copies of it ("mutants"), each of which they must catch (fail on).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kata import checks
from kata.layout import rel

pytestmark = [
    pytest.mark.until(10),  # test_square.py is the exercise of step 10; step 11 changes the API
    pytest.mark.timeout(120),  # the runs below have their own, shorter limit
]

RUN_SECONDS = 30  # one run of the learner's tests (the mutants run side by side)
TEST_FILE = "test_square.py"


@dataclass(frozen=True)
class Mutant:
    broken: str  # what is wrong with this copy of dezero, in the learner's words
    advice: str  # what kind of test would catch it
    patch: str  # Python appended to dezero.py to break it


MUTANTS = {
    "forward-2x": Mutant(
        "Square.forward computes 2 * x instead of x ** 2",
        "check square(x).data at a value where the two differ (at x = 2 both give 4)",
        "Square.forward = lambda self, x: 2 * x\n"),
    "square-returns-its-input": Mutant(
        "square(x) returns x itself instead of a new Variable",
        "check square(x).data",
        "def square(x):\n    return x\n"),
    "backward-forgets-the-2": Mutant(
        "Square.backward forgets the factor 2 and returns x * gy",
        "add a test that checks x.grad after y.backward()",
        "Square.backward = lambda self, gy: self.input.data * gy\n"),
    "backward-ignores-gy": Mutant(
        "Square.backward ignores gy and returns 2 * x",
        "y.backward() starts from gy = 1, where that changes nothing: check x.grad when square "
        "is not the last function, e.g. y = square(square(x)), which is x ** 4",
        "Square.backward = lambda self, gy: 2 * self.input.data\n"),
    "backward-uses-the-output": Mutant(
        "Square.backward uses the output y instead of the input x: 2 * y * gy",
        "check x.grad at an x other than 0 and 1, or against numerical_diff",
        "Square.backward = lambda self, gy: 2 * self.output.data * gy\n"),
    "no-creator": Mutant(
        "square(x) does not record its creator, so y.backward() never reaches x",
        "check x.grad after y.backward()",
        "_square = square\n\n\ndef square(x):\n    y = _square(x)\n    y.creator = None\n"
        "    return y\n"),
}


@dataclass(frozen=True)
class Run:
    code: int | None  # pytest's exit code; None when the run timed out
    output: str


_runs: dict[Path, dict[str, Run]] = {}  # folder -> "correct" or a mutant's name -> its run


def start(workdir: Path, dezero_source: str, tests: str, stop_early: bool) -> subprocess.Popen:
    """Start pytest on `tests` next to `dezero_source`, isolated from the kata's own config."""
    workdir.mkdir(parents=True)
    (workdir / "dezero.py").write_text(dezero_source, encoding="utf-8")
    (workdir / TEST_FILE).write_text(tests, encoding="utf-8")
    (workdir / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    command = [sys.executable, "-m", "pytest", TEST_FILE, "-c", "pytest.ini",
               "--rootdir", str(workdir), "-p", "no:cacheprovider", "-q", "--no-header",
               "-rfE"] + (["--tb=no", "-x"] if stop_early else ["--tb=short"])
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONDONTWRITEBYTECODE="1",
               COLUMNS="1000")  # the summary keeps each failure's message whole
    return subprocess.Popen(command, cwd=workdir, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def finish(process: subprocess.Popen, workdir: Path) -> Run:
    try:
        output, _ = process.communicate(timeout=RUN_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return Run(None, "")
    return Run(process.returncode, output.replace(f"{workdir}{os.sep}", ""))


@pytest.fixture
def runs(impl_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run] | None:
    """Your tests, run on the correct dezero and, if they pass there, on every mutant at the
    same time (None when there is no test file)."""
    tests_file = impl_folder / TEST_FILE
    if not tests_file.exists():
        return None
    if impl_folder not in _runs:
        tests = tests_file.read_text(encoding="utf-8")
        correct = (impl_folder / "dezero.py").read_text(encoding="utf-8")
        root = tmp_path_factory.mktemp("square-tests")
        results = {"correct": finish(start(root / "correct", correct, tests, False),
                                     root / "correct")}
        if results["correct"].code == 0:  # the mutants only count for tests that pass
            started = {name: start(root / name, source, tests, True)
                       for name, source in mutated(correct).items()}
            results.update({name: finish(process, root / name)
                            for name, process in started.items()})
        _runs[impl_folder] = results
    return _runs[impl_folder]


def mutated(correct: str) -> dict[str, str]:
    """The broken copies of dezero.py: the correct code with a patch appended."""
    return {name: f"{correct}\n\n# A deliberately broken copy: {mutant.broken}.\n{mutant.patch}"
            for name, mutant in MUTANTS.items()}


def summary(run: Run, lines: int = 12) -> str:
    """One line per failing test; for a file that does not even import, the error too."""
    wanted = ("FAILED", "ERROR", "E ") if run.code != 1 else ("FAILED", "ERROR")
    kept = [line for line in run.output.splitlines() if line.startswith(wanted)]
    return "\n".join("    " + line for line in kept[-lines:])


def correct_run_problem(runs: dict[str, Run] | None, impl_folder: Path) -> str:
    """Why your tests do not pass on the correct dezero ('' when they do)."""
    tests, module = rel(impl_folder / TEST_FILE), rel(impl_folder / "dezero.py")
    if runs is None:
        return f"{tests} is missing: writing it is step 10 (see the guide)"
    run = runs["correct"]
    if run.code is None:
        return f"your tests in {tests} did not finish within {RUN_SECONDS} s"
    if run.code == 5:
        return (f"{tests} has no tests: pytest found nothing to run there (it runs functions "
                f"named test_... outside any class or in a class named Test..., and the "
                f"test_... methods of unittest.TestCase classes)")
    if run.code == 1:
        return (f"your tests in {tests} fail on a correct dezero ({module}), so they cannot "
                f"tell right from wrong yet:\n{summary(run)}")
    if run.code != 0:
        return f"pytest could not run {tests} (exit code {run.code}):\n{summary(run)}"
    return ""


def test_your_tests_pass_on_a_correct_dezero(runs, impl_folder):
    problem = correct_run_problem(runs, impl_folder)
    checks.is_true(not problem, problem)


@pytest.mark.parametrize("name", list(MUTANTS))
def test_your_tests_catch_a_broken_square(runs, impl_folder, name):
    mutant = MUTANTS[name]
    problem = correct_run_problem(runs, impl_folder)
    if problem:
        first = (f"write {rel(impl_folder / TEST_FILE)}" if runs is None else "make them pass "
                 "on a correct dezero (see test_your_tests_pass_on_a_correct_dezero)")
        checks.fail(f"not checked yet: whether your tests catch a dezero where {mutant.broken}. "
                    f"First {first}")
    run = runs[name]
    checks.is_true(run.code is not None, f"your tests did not finish within {RUN_SECONDS} s "
                   f"on a dezero where {mutant.broken}")
    checks.is_true(run.code != 0, f"your tests pass even when {mutant.broken}: {mutant.advice}")
