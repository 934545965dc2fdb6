"""kata.maintainer.pytest_part: make verify runs the runner's tests in parts, side by side."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kata.layout import ROOT, TESTS
from kata.maintainer import pytest_part, verify
from tests.runner.mutants import PROCESS_LIMIT_S

SUITE = """
import pytest

@pytest.mark.parametrize("n", range(4))
def test_slow_run(n):
    pass

def test_a():
    pass

def test_b():
    pass
"""


def collected(tmp_path, *options: str) -> tuple[int, list[str]]:
    """pytest's exit code and the test ids it would run on the small suite above."""
    (tmp_path / "test_suite.py").write_text(SUITE, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(tmp_path / "pytest.ini"), "--rootdir",
         str(tmp_path), str(tmp_path / "test_suite.py"), "--collect-only", "-q",
         "-p", "no:cacheprovider", "-p", "kata.maintainer.pytest_part", *options],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=PROCESS_LIMIT_S,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode:
        return done.returncode, [done.stdout + done.stderr]
    return 0, [line.split("::")[1] for line in done.stdout.splitlines() if "::" in line]


def test_the_parts_share_the_tests_evenly_each_once(tmp_path):
    _, everything = collected(tmp_path)
    _, first = collected(tmp_path, "--kata-part=1/2")
    _, second = collected(tmp_path, "--kata-part=2/2")
    assert len(everything) == 6
    assert first == everything[0::2] and second == everything[1::2]
    assert {"test_slow_run[0]", "test_slow_run[1]"} & set(first) == {"test_slow_run[0]"}


def test_a_part_that_does_not_exist_is_refused(tmp_path):
    code, output = collected(tmp_path, "--kata-part=3/2")
    assert code == 4 and "--kata-part 3/2: the part must be 1 to 2" in output[0]


@pytest.mark.parametrize("text", ["0/2", "half", "1/"])
def test_a_part_is_one_of_n(text):
    with pytest.raises(pytest.UsageError, match="--kata-part"):
        pytest_part.part(text)


def test_verify_runs_the_runner_tests_in_parts_side_by_side():
    checks = verify.repository_checks()
    parts = [command for name, command, _ in checks if name.startswith("runner tests")]
    assert len(parts) == verify.RUNNER_PARTS == 2
    assert [command[-1] for command in parts] == ["--kata-part=1/2", "--kata-part=2/2"]
    assert all(str(TESTS / "runner") in command for command in parts)
    assert [name for name, _, _ in checks[:2]] == ["runner tests 1/2", "runner tests 2/2"]
