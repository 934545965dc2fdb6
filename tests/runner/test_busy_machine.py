"""CI must not fail because the machine is busy (issue 22, section 2).

The learner's per-test timeout (pyproject.toml's `timeout`, 10 s) guards against endless
loops in their code. The maintainers' checks judge what the tests say, never how fast they
run: the runner's own tests, which start pytest processes, and verify's runs of the steps
and the benchmarks get limits sized for a loaded machine.
"""

import re
import subprocess

from kata.commands import testrun
from kata.layout import ROOT, TESTS
from kata.maintainer import verify
from tests.runner.mutants import PROCESS_LIMIT_S, RUNNER_TEST_LIMIT_S


def learners_limit() -> int:
    found = re.search(r"^timeout = (\d+)$", (ROOT / "pyproject.toml").read_text(), re.MULTILINE)
    return int(found.group(1))


def test_a_runner_test_has_a_limit_for_a_loaded_machine(request):
    marker = request.node.get_closest_marker("timeout")
    assert marker is not None and marker.args[0] == RUNNER_TEST_LIMIT_S
    assert RUNNER_TEST_LIMIT_S >= 2 * PROCESS_LIMIT_S >= 60 * learners_limit()


def test_no_runner_test_judges_by_the_clock():
    for path in sorted((TESTS / "runner").glob("test_*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"assert [^\n]*(seconds|elapsed|duration)\w* *<", text), path


def test_a_learners_endless_loop_is_stopped_within_about_fifteen_seconds_in_every_test():
    """The learner's limit is 10 s, and no test of a step raises its own (but step 10's,
    whose runs of the learner's own tests have a limit of their own)."""
    assert learners_limit() <= 10
    raised = [path.relative_to(TESTS).as_posix() for path in sorted(TESTS.glob("step*/*.py"))
              if "mark.timeout(" in path.read_text(encoding="utf-8")]
    assert raised == ["step10/test_your_square_tests.py"], raised


def test_verify_runs_the_steps_with_a_limit_for_a_loaded_machine(monkeypatch):
    seen = {}

    def run_quietly(step, impl, **options):
        seen.update(options)
        return testrun.QuietRun(0, {}, "", 0.0)

    monkeypatch.setattr(verify, "run_quietly", run_quietly)
    verify.run_pytest(3, "solutions", False)
    assert seen["test_limit"] == verify.TEST_LIMIT_S >= 10 * learners_limit()
    command = testrun.pytest_command(3, "solutions", test_limit=verify.TEST_LIMIT_S)
    assert f"--timeout={verify.TEST_LIMIT_S}" in command
    assert not any(arg.startswith("--timeout") for arg in testrun.pytest_command(3))


def test_verify_runs_the_benchmarks_with_a_limit_for_a_loaded_machine(monkeypatch):
    envs = {}

    def run(command, env=None, **options):
        envs[command[-1]] = env
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(verify.subprocess, "run", run)
    monkeypatch.delenv("PYTEST_TIMEOUT", raising=False)
    verify.run_repository_check("benchmarks (smoke)", ["python", "-c", "smoke"], "")
    verify.run_repository_check("runner tests 1/2", ["python", "-m", "pytest", "runner"], "")
    assert envs["smoke"]["PYTEST_TIMEOUT"] == str(verify.TEST_LIMIT_S)
    # the runner's tests start learners' runs, which must keep the learner's limit
    assert "PYTEST_TIMEOUT" not in (envs["runner"] or {})
