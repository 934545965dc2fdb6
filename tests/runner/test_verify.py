"""kata.maintainer.verify: each check catches the drift it exists for."""

import shutil
import subprocess

import pytest

import kata.layout
import kata.maintainer.generate
import kata.maintainer.verify
from kata.layout import SOLUTIONS
from kata.maintainer.verify import (
    StepResult,
    check_docs,
    check_generated,
    check_one_source,
    check_skeleton,
)


@pytest.fixture
def solutions(tmp_path, monkeypatch):
    """A scratch copy of solutions/step01-02 that checks read instead of the real ones."""
    folder = tmp_path / "solutions"
    for name in ("step01", "step02"):
        shutil.copytree(SOLUTIONS / name, folder / name)
    for module in (kata.layout, kata.maintainer.generate):
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


def test_a_translation_behind_its_english_guide_fails_the_step(solutions):
    """An English guide edited without its Korean twin: the step's docs fail, and the
    problem names the translation and shows the English lines that changed."""
    result = StepResult(2)
    check_docs(2, result)
    assert result.docs and result.problems == [], result.problems
    guide = solutions / "step02" / "README.md"
    subprocess.run(["git", "init", "-q"], cwd=solutions.parent, check=True)
    subprocess.run(["git", "hash-object", "-w", str(guide)], cwd=solutions.parent, check=True,
                   capture_output=True)  # the English the Korean was made from, in git
    guide.write_text(guide.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                     encoding="utf-8")
    result = StepResult(2)
    check_docs(2, result)
    assert not result.docs
    assert "solutions/step02/README.ko.md" in result.problems[0]
    assert "changed since it was translated" in result.problems[0]
    assert "    +One more sentence." in result.problems


def test_a_stale_skeleton_is_caught(solutions, tmp_path, monkeypatch):
    monkeypatch.setattr(kata.maintainer.verify, "STEPS", tmp_path / "steps")
    kata.maintainer.generate.write_skeletons(tmp_path / "steps", [2])
    result = StepResult(2)
    check_generated(2, result)
    assert result.generated
    (tmp_path / "steps" / "step02" / "dezero.py").write_text("# edited\n")
    check_generated(2, result)
    assert not result.generated and "make generate" in result.problems[0]


def fake_outcomes(monkeypatch, outcomes):
    monkeypatch.setattr(kata.maintainer.verify, "run_pytest", lambda *args: outcomes)


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


def test_optional_skips_are_counted_and_other_skips_are_problems(monkeypatch, tmp_path):
    missing = "optional: cupy is not installed, so the GPU tests are skipped"
    fake_outcomes(monkeypatch, {
        "t::gpu1": {"outcome": "skipped", "introduced": 5, "exempt": None,
                    "skip_reason": missing},
        "t::gpu2": {"outcome": "skipped", "introduced": 4, "exempt": None,
                    "skip_reason": missing},
        "t::other": {"outcome": "skipped", "introduced": 5, "exempt": None,
                     "skip_reason": "not ready"},
        "t::ok": {"outcome": "passed", "introduced": 5, "exempt": None},
    })
    result = StepResult(5)
    kata.maintainer.verify.check_solution(5, result, tmp_path)
    assert result.solution == "1/4"
    assert result.skipped == {missing: 2}  # accepted, listed once with its count
    assert result.problems == ["solution skipped: t::other"]  # a skip for no missing tool
    skeleton = StepResult(5)
    kata.maintainer.verify.check_skeleton(5, skeleton, tmp_path)
    assert sorted(skeleton.problems) == [  # gpu1's skip is not a problem here either
        "the skeleton passed t::ok: it tests nothing the step adds (or mark it "
        "passes_on_skeleton)",
        "the skeleton skipped t::other: it tests nothing the step adds (or mark it "
        "passes_on_skeleton)"]

def test_a_step_without_tests_is_a_problem(monkeypatch, tmp_path):
    fake_outcomes(monkeypatch, {})
    result = StepResult(5)
    check_skeleton(5, result, tmp_path)
    assert "introduces no tests" in result.problems[0]


def test_a_skeleton_that_does_not_compile_is_caught(solutions, tmp_path, monkeypatch):
    monkeypatch.setattr(kata.maintainer.verify, "STEPS", tmp_path / "steps")
    module = solutions / "step02" / "dezero.py"
    # An empty SKELETON part as the whole body of a method leaves the skeleton without a body.
    module.write_text(module.read_text().replace(
        "        return x ** 2\n        # END SOLUTION",
        "        return x ** 2\n        # BEGIN SKELETON\n        # END SOLUTION"))
    kata.maintainer.generate.write_skeletons(tmp_path / "steps", [2])
    result = StepResult(2)
    check_generated(2, result)
    assert any("the skeleton does not compile" in problem for problem in result.problems)


def test_a_file_the_generator_does_not_make_is_caught(solutions, tmp_path, monkeypatch):
    monkeypatch.setattr(kata.maintainer.verify, "STEPS", tmp_path / "steps")
    kata.maintainer.generate.write_skeletons(tmp_path / "steps", [2])
    (tmp_path / "steps" / "step02" / "old_dezero.py").write_text("# left over\n")
    (tmp_path / "steps" / "step02" / "__pycache__").mkdir()
    (tmp_path / "steps" / "step02" / "__pycache__" / "x.pyc").write_bytes(b"")
    result = StepResult(2)
    check_generated(2, result)
    assert [p for p in result.problems if "old_dezero.py is not made by the generator" in p]
    assert not [p for p in result.problems if "__pycache__" in p]


def test_a_stale_exemption_is_a_problem(monkeypatch, tmp_path):
    fake_outcomes(monkeypatch, {
        "t::guard": {"outcome": "failed", "introduced": 5, "exempt": "it used to pass"}})
    result = StepResult(5)
    check_skeleton(5, result, tmp_path)
    assert result.problems == ["t::guard fails on the skeleton now: remove its "
                               "passes_on_skeleton mark"]


def test_a_skeleton_that_does_not_import_is_a_problem(monkeypatch, tmp_path):
    fake_outcomes(monkeypatch, {
        "t::a": {"outcome": "failed", "introduced": 5, "exempt": None, "import_failed": True}})
    result = StepResult(5)
    check_skeleton(5, result, tmp_path)
    assert "the skeleton's dezero does not import" in result.problems[0]


def test_step_folders_without_a_solution_are_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(kata.maintainer.verify, "STEPS", tmp_path / "steps")
    monkeypatch.setattr(kata.maintainer.verify, "TESTS", tmp_path / "tests")
    for folder in ("steps/step01", "steps/step07", "tests/step01", "tests/runner"):
        (tmp_path / folder).mkdir(parents=True)
    assert kata.maintainer.verify.stray_folders([1]) == [f"{tmp_path}/steps/step07 has no "
                                              f"solutions/step07"]


# -- the committed skeletons, whatever a learner has done in steps/ ----------------------------

def git(folder, *args):
    subprocess.run(["git", "-c", "user.name=kata", "-c", "user.email=kata@example.invalid",
                    *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def clone(solutions, tmp_path, monkeypatch):
    """A tiny git repository: solutions/step01-02 and their skeletons, committed."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    for variable in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(kata.maintainer.verify, "STEPS", tmp_path / "steps")
    monkeypatch.setattr(kata.maintainer.verify, "TESTS", tmp_path / "tests")
    kata.maintainer.generate.write_skeletons(tmp_path / "steps", [1, 2])
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "the kata")
    return tmp_path


def test_a_learners_edits_in_steps_do_not_fail_verify(clone):
    """The README's `make verify` after a learner has worked in steps/step01."""
    folder = clone / "steps" / "step01"
    (folder / "dezero.py").write_text("class Variable:\n    pass  # my work in progress\n")
    (folder / "HINTS.md").unlink()
    (folder / "notes.py").write_text("# my own file\n")
    (clone / "steps" / "step07").mkdir()  # a folder of the learner's own
    result = StepResult(1)
    check_generated(1, result)
    assert result.generated and result.problems == []
    assert kata.maintainer.verify.stray_folders([1, 2]) == []


def test_a_stale_committed_skeleton_is_caught_in_a_clone(clone):
    module = clone / "steps" / "step01" / "dezero.py"
    module.write_text("# stale\n")
    git(clone, "commit", "-q", "-am", "a stale skeleton")
    module.write_text("# the learner's edit\n")
    result = StepResult(1)
    check_generated(1, result)
    assert not result.generated
    assert result.problems == ["steps/step01/dezero.py is not what the generator makes from "
                               "solutions/ (run `make generate` and commit steps/)"]


def test_a_regenerated_skeleton_passes_before_it_is_committed(clone):
    """A maintainer runs make generate, then make verify, then commits."""
    module = clone / "solutions" / "step01" / "dezero.py"
    module.write_text(module.read_text() + "\n# a comment\n")
    assert check_generated_problems(1) != []
    kata.maintainer.generate.write_skeletons(clone / "steps", [1])
    assert check_generated_problems(1) == []


def test_a_leftover_file_git_has_is_still_caught(clone):
    (clone / "steps" / "step02" / "old_dezero.py").write_text("# left over\n")
    git(clone, "add", ".")
    git(clone, "commit", "-q", "-m", "a leftover")
    assert check_generated_problems(2) == [
        "steps/step02/old_dezero.py is not made by the generator (left over from an older "
        "layout?)"]


def test_without_git_the_working_copy_is_checked(solutions, tmp_path, monkeypatch):
    monkeypatch.setattr(kata.maintainer.generate, "git", lambda *args, **options: None)
    monkeypatch.setattr(kata.maintainer.verify, "STEPS", tmp_path / "steps")
    kata.maintainer.generate.write_skeletons(tmp_path / "steps", [1])
    assert check_generated_problems(1) == []
    (tmp_path / "steps" / "step01" / "dezero.py").write_text("# edited\n")
    assert "make generate" in check_generated_problems(1)[0]


def check_generated_problems(step):
    result = StepResult(step)
    check_generated(step, result)
    return result.problems


def test_the_skeletons_verify_tests_are_generated_apart_from_steps(monkeypatch, tmp_path):
    """check_skeleton runs the tests on the scratch folder verify writes, never on steps/."""
    ran = []
    monkeypatch.setattr(kata.maintainer.verify, "run_pytest",
                        lambda step, impl, only: ran.append(impl) or {})
    check_skeleton(5, StepResult(5), tmp_path)
    assert ran == [str(tmp_path / "skeletons" / "step05")]
