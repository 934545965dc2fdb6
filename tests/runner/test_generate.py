"""kata.maintainer.generate: skeletons come from solutions, and never overwrite a learner's work."""

import shutil

import pytest

import kata.commands.backup
import kata.layout
import kata.maintainer.generate
from kata.layout import SOLUTIONS, UsageError
from kata.maintainer.generate import generate, skeleton


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A scratch copy of steps 1 and 2 (solutions and generated steps) to overwrite freely."""
    solutions, steps = tmp_path / "solutions", tmp_path / "steps"
    for name in ("step01", "step02"):
        shutil.copytree(SOLUTIONS / name, solutions / name)
    for module in (kata.layout, kata.maintainer.generate):
        monkeypatch.setattr(module, "SOLUTIONS", solutions)
    monkeypatch.setattr(kata.maintainer.generate, "STEPS", steps)
    monkeypatch.setattr(kata.layout, "ROOT", tmp_path)
    monkeypatch.setattr(kata.commands.backup, "ROOT", tmp_path)
    monkeypatch.setattr(kata.commands.backup, "BACKUPS", tmp_path / ".kata" / "backups")
    generate([1, 2], force=True)
    return tmp_path


def test_skeleton_has_the_solution_files_with_stubs():
    files = skeleton(2)
    assert set(map(str, files)) >= {"dezero.py", "README.md", "HINTS.md"}
    assert "NotImplementedError('TODO(step 02)" in files[next(f for f in files
                                                              if str(f) == "dezero.py")]


def test_generate_writes_missing_files(repo):
    target = repo / "steps" / "step02" / "dezero.py"
    target.unlink()
    assert generate([2]) == [target]
    assert "TODO(step 02)" in target.read_text()


def test_generate_refuses_to_overwrite_a_learners_change(repo):
    target = repo / "steps" / "step02" / "dezero.py"
    target.write_text("# my work\n")
    with pytest.raises(UsageError, match="refusing to overwrite files you changed") as refusal:
        generate([2])
    assert target.read_text() == "# my work\n"
    assert "make generate FORCE=1" in str(refusal.value) and "--force" not in str(refusal.value)


def test_forced_generate_backs_up_first(repo, capsys):
    target = repo / "steps" / "step02" / "dezero.py"
    target.write_text("# my work\n")
    generate([2], force=True)
    assert "TODO(step 02)" in target.read_text()
    backups = list((repo / ".kata" / "backups").glob("generate-*/steps/step02/dezero.py"))
    assert [b.read_text() for b in backups] == ["# my work\n"]
    assert "backed up 1 file(s) it replaces" in capsys.readouterr().out


def test_up_to_date_files_are_left_alone(repo):
    assert generate([1, 2]) == []


def test_even_a_file_git_has_is_backed_up_before_it_is_replaced(repo, monkeypatch):
    target = repo / "steps" / "step02" / "dezero.py"
    target.write_text("# my committed work\n")
    monkeypatch.setattr(kata.maintainer.generate, "committed_text", lambda path: path.read_text())
    generate([2])  # no --force needed: git has it; but a backup is made all the same
    backups = list((repo / ".kata" / "backups").glob("generate-*/steps/step02/dezero.py"))
    assert [b.read_text() for b in backups] == ["# my committed work\n"]
