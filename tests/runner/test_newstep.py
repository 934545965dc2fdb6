"""kata.maintainer.newstep: a new step starts as the previous one, with placeholders verify
refuses."""

import shutil

import pytest

import kata.layout
import kata.maintainer.generate
import kata.maintainer.newstep
from kata.layout import SOLUTIONS, UsageError
from kata.maintainer.generate import views
from kata.maintainer.newstep import new_step
from kata.maintainer.verify import StepResult, check_docs


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A scratch copy of solutions/step01-02 and an empty tests/ to add step 3 to."""
    solutions = tmp_path / "solutions"
    for name in ("step01", "step02"):
        shutil.copytree(SOLUTIONS / name, solutions / name)
    for module in (kata.layout, kata.maintainer.generate, kata.maintainer.newstep):
        monkeypatch.setattr(module, "SOLUTIONS", solutions)
    monkeypatch.setattr(kata.maintainer.newstep, "TESTS", tmp_path / "tests")
    monkeypatch.setattr(kata.layout, "ROOT", tmp_path)
    return tmp_path


def test_a_new_step_starts_from_the_previous_solution_without_its_markers(repo):
    new_step(3, "Connecting functions")
    code = (repo / "solutions" / "step03" / "dezero.py").read_text()
    assert code == views(2, kata.maintainer.generate.Path("dezero.py")).solution
    assert "BEGIN" not in code
    assert (repo / "tests" / "step03").is_dir()
    guide = (repo / "solutions" / "step03" / "README.md").read_text()
    assert guide.startswith("# Step 03 — Connecting functions\n")


def test_verify_refuses_the_placeholders_until_they_are_written(repo):
    new_step(3, "Connecting functions")
    result = StepResult(3)
    check_docs(3, result)
    assert not result.docs
    assert [p for p in result.problems if "README.md still has a PLACEHOLDER" in p]
    assert [p for p in result.problems if "HINTS.md still has a PLACEHOLDER" in p]


@pytest.mark.parametrize("step, says", [(2, "exists already"), (5, "step 4 does not exist")])
def test_steps_are_added_in_order_and_once(repo, step, says):
    with pytest.raises(UsageError, match=says):
        new_step(step, "A title")
