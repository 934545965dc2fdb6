"""`make reset STEP=N` (backup first, then the skeleton) and `make solution STEP=N`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kata.cli import main
from kata.commands import progress, reset
from kata.commands.progress import DONE, StepProgress
from kata.maintainer import generate


def one_message(err: str) -> bool:
    """One message, no traceback: a long one wraps at words, its rows after the first indented."""
    return len([line for line in err.strip().splitlines() if not line.startswith(" ")]) == 1


def flat(text: str) -> str:
    """The text with its wrapping undone."""
    return " ".join(text.split())



def skeleton_text(step: int) -> str:
    return generate.skeleton(step)[Path("dezero.py")]


def one_line_error(capsys, says: str) -> None:
    err = capsys.readouterr().err
    assert one_message(err), err
    assert says in flat(err)


# -- reset -----------------------------------------------------------------------------------

def test_reset_backs_up_the_learners_files_then_puts_back_the_skeleton(kata_copy, capsys):
    kata_copy.edit(2, "\n# my work\n")
    mine = kata_copy.file(2).read_text(encoding="utf-8")
    kata_copy.file(2, "README.md").unlink()
    kata_copy.file(2, "notes.txt").write_text("my notes", encoding="utf-8")

    assert main(["reset", "2", "--yes"]) == 0

    assert kata_copy.file(2).read_text(encoding="utf-8") == skeleton_text(2)
    assert kata_copy.file(2, "README.md").is_file()
    assert kata_copy.file(2, "notes.txt").read_text(encoding="utf-8") == "my notes"
    [folder] = kata_copy.backups()
    assert (folder / "steps" / "step02" / "dezero.py").read_text(encoding="utf-8") == mine
    out = " ".join(capsys.readouterr().out.split())  # a long path may wrap the line
    assert f"backed up 1 file(s) to {folder}" in out
    assert "left alone (not part of the skeleton): notes.txt" in out
    assert f"RESTORE={folder}" in out


def test_each_reset_gets_its_own_backup_folder(kata_copy):
    for text in ("\n# first\n", "\n# second\n"):
        kata_copy.edit(1, text)
        assert main(["reset", "1", "--yes"]) == 0
    assert len(kata_copy.backups()) == 2


def test_reset_asks_on_a_terminal(kata_copy, answer, capsys):
    kata_copy.edit(1)
    questions = answer("y")
    assert main(["reset", "1"]) == 0
    assert len(questions) == 1 and "backed up first" in questions[0]
    assert kata_copy.file(1).read_text(encoding="utf-8") == skeleton_text(1)


def test_saying_no_changes_nothing(kata_copy, answer, capsys):
    kata_copy.edit(1)
    before = kata_copy.file(1).read_text(encoding="utf-8")
    answer("n")
    assert main(["reset", "1"]) == 1
    assert kata_copy.file(1).read_text(encoding="utf-8") == before
    assert kata_copy.backups() == []
    assert "nothing changed" in capsys.readouterr().out


def test_with_no_terminal_and_no_yes_reset_refuses_in_one_line(kata_copy, no_terminal,
                                                                 capsys):
    kata_copy.edit(1)
    before = kata_copy.file(1).read_text(encoding="utf-8")
    assert main(["reset", "1"]) == 2
    one_line_error(capsys, "YES=1")
    assert kata_copy.file(1).read_text(encoding="utf-8") == before
    assert kata_copy.backups() == []


def test_a_pristine_step_needs_no_reset(kata_copy, no_terminal, capsys):
    assert main(["reset", "1"]) == 0
    assert "nothing to reset" in capsys.readouterr().out
    assert kata_copy.backups() == []


def test_a_failed_backup_leaves_the_files_alone(kata_copy, monkeypatch, capsys):
    kata_copy.edit(1)
    before = kata_copy.file(1).read_text(encoding="utf-8")

    def no_room(files, label):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(reset.backup, "back_up", no_room)
    assert main(["reset", "1", "--yes"]) == 2
    one_line_error(capsys, "could not back up your files")
    assert kata_copy.file(1).read_text(encoding="utf-8") == before


@pytest.mark.parametrize("argv, says", [(["reset", "99", "--yes"], "there is no step 99"),
                                        (["reset", "--yes"], "say which step"),
                                        (["solution", "x"], "must be a step number")])
def test_a_bad_step_gets_one_line(kata_copy, capsys, argv, says):
    assert main(argv) == 2
    one_line_error(capsys, says)


# -- restore ---------------------------------------------------------------------------------

def test_restore_puts_the_backup_back_and_backs_up_what_it_replaces(kata_copy, capsys):
    kata_copy.edit(1, "\n# my work\n")
    mine = kata_copy.file(1).read_text(encoding="utf-8")
    main(["reset", "1", "--yes"])
    kata_copy.edit(1, "\n# started again\n")
    again = kata_copy.file(1).read_text(encoding="utf-8")

    assert main(["reset", "1", "--restore", "--yes"]) == 0  # the newest backup

    assert kata_copy.file(1).read_text(encoding="utf-8") == mine
    [replaced] = [f for f in kata_copy.backups() if f.name.startswith("restore-step01")]
    assert (replaced / "steps" / "step01" / "dezero.py").read_text(encoding="utf-8") == again


def test_restore_takes_a_named_folder(kata_copy, capsys):
    kata_copy.edit(2, "\n# my work\n")
    mine = kata_copy.file(2).read_text(encoding="utf-8")
    main(["reset", "2", "--yes"])
    [folder] = kata_copy.backups()
    assert main(["reset", "2", "--restore", folder.name, "--yes"]) == 0
    assert kata_copy.file(2).read_text(encoding="utf-8") == mine


@pytest.mark.parametrize("restore, says", [("no-such-backup", "there is no backup folder"),
                                           ("latest", "has been backed up in")])
def test_a_missing_backup_folder_gets_one_line(kata_copy, capsys, restore, says):
    assert main(["reset", "1", "--restore", restore, "--yes"]) == 2
    one_line_error(capsys, says)


def test_a_backup_of_another_step_gets_one_line(kata_copy, capsys):
    kata_copy.edit(2)
    main(["reset", "2", "--yes"])
    [folder] = kata_copy.backups()
    capsys.readouterr()
    assert main(["reset", "1", "--restore", str(folder), "--yes"]) == 2
    one_line_error(capsys, "holds no files of")


# -- solution --------------------------------------------------------------------------------

def test_solution_of_a_done_step_is_shown_without_asking(kata_copy, no_terminal, monkeypatch,
                                                         capsys):
    monkeypatch.setattr(reset, "step_progress", lambda step, **_: StepProgress(step, DONE, 3, 0))
    assert main(["solution", "2"]) == 0
    out = capsys.readouterr().out
    assert generate.views(2, Path("dezero.py")).solution.strip() in out
    assert "BEGIN SOLUTION" not in out and "BEGIN NEW" not in out
    assert "make diff STEP=2" in out


def test_solution_of_a_step_that_fails_asks_first(kata_copy, answer, capsys):
    kata_copy.edit(1)  # started, and its tests really fail
    questions = answer("n")
    assert main(["solution", "1"]) == 1
    assert "does not pass on your code yet" in questions[0]
    assert "class Variable" not in capsys.readouterr().out


def test_solution_with_no_terminal_refuses_unless_yes(kata_copy, no_terminal, capsys):
    assert main(["solution", "1"]) == 2
    one_line_error(capsys, "YES=1")
    assert main(["solution", "1", "--yes"]) == 0
    assert "self.data = data" in capsys.readouterr().out


def test_solution_knows_a_solved_step_from_its_tests(kata_copy, no_terminal, capsys):
    kata_copy.solve(1)
    assert main(["solution", "1"]) == 0
    saved = json.loads(progress.cache_file(1).read_text(encoding="utf-8"))
    assert saved["status"] == DONE  # it ran the tests, and remembered for `make progress`
