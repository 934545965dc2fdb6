"""kata.verify: each check catches the drift it exists for."""

import shutil

import pytest

import kata.generate
import kata.layout
import kata.verify
from kata.layout import SOLUTIONS
from kata.verify import StepResult, check_generated, check_one_source, check_skeleton


@pytest.fixture
def solutions(tmp_path, monkeypatch):
    """A scratch copy of solutions/step01-02 that checks read instead of the real ones."""
    folder = tmp_path / "solutions"
    for name in ("step01", "step02"):
        shutil.copytree(SOLUTIONS / name, folder / name)
    for module in (kata.layout, kata.generate):
        monkeypatch.setattr(module, "SOLUTIONS", folder)
    monkeypatch.setattr(kata.layout, "ROOT", tmp_path)
    return folder


def test_consecutive_solutions_that_agree_pass(solutions):
    result = StepResult(2)
    check_one_source(2, result)
    assert result.one_source and result.problems == []


def test_a_change_outside_the_markers_is_caught(solutions):
    module = solutions / "step02" / "dezero.py"
    module.write_text(module.read_text().replace("self.data = data", "self.data = data  # !"))
    result = StepResult(2)
    check_one_source(2, result)
    assert not result.one_source
    assert "differs from solutions/step01/dezero.py at line" in result.problems[0]


def test_a_fix_not_carried_into_the_next_step_is_caught(solutions):
    module = solutions / "step01" / "dezero.py"
    module.write_text(module.read_text().replace('"""A named box', '"""A box'))
    result = StepResult(2)
    check_one_source(2, result)
    assert not result.one_source


def test_a_stale_skeleton_is_caught(solutions, tmp_path, monkeypatch):
    monkeypatch.setattr(kata.verify, "STEPS", tmp_path / "steps")
    kata.generate.write_skeletons(tmp_path / "steps", [2])
    result = StepResult(2)
    check_generated(2, result)
    assert result.generated
    (tmp_path / "steps" / "step02" / "dezero.py").write_text("# edited\n")
    check_generated(2, result)
    assert not result.generated and "make generate" in result.problems[0]


def fake_outcomes(monkeypatch, outcomes):
    monkeypatch.setattr(kata.verify, "run_pytest", lambda *args: outcomes)


def test_a_test_the_skeleton_passes_is_a_problem(monkeypatch, tmp_path):
    fake_outcomes(monkeypatch, {
        "t::fails": {"outcome": "failed", "introduced": 5, "exempt": None},
        "t::passes": {"outcome": "passed", "introduced": 5, "exempt": None},
        "t::earlier": {"outcome": "passed", "introduced": 4, "exempt": None},
    })
    result = StepResult(5)
    check_skeleton(5, result, tmp_path)
    assert result.skeleton == "1/2"
    assert result.problems == ["the skeleton passed t::passes: it tests nothing the step adds "
                               "(or mark it passes_on_skeleton)"]


def test_an_exempt_test_is_listed_with_its_reason(monkeypatch, tmp_path):
    fake_outcomes(monkeypatch, {
        "t::guard": {"outcome": "passed", "introduced": 5, "exempt": "the stub raises too"}})
    result = StepResult(5)
    check_skeleton(5, result, tmp_path)
    assert result.problems == []
    assert result.exemptions == ["t::guard: the stub raises too"]


def test_a_step_without_tests_is_a_problem(monkeypatch, tmp_path):
    fake_outcomes(monkeypatch, {})
    result = StepResult(5)
    check_skeleton(5, result, tmp_path)
    assert "introduces no tests" in result.problems[0]
