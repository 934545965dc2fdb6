"""Long output: a pager on a terminal (as git does), and no traceback when `| head` stops."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from kata.cli import main
from kata.commands import pager, reset
from kata.layout import ROOT
from tests.runner.mutants import PROCESS_LIMIT_S

LONG = "".join(f"line {n}\n" for n in range(60))


class Screen(io.StringIO):
    """A stdout that is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch):
    """A 100x40 terminal; returns its stdout (pytest puts its own sys.stdout back for each
    test, so a test that needs sys.stdout to be the terminal sets it itself)."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "40")
    return Screen()


@pytest.fixture
def fake_pager(tmp_path, monkeypatch):
    """PAGER is a script that writes what it is given to a file; returns that file."""
    paged = tmp_path / "paged.txt"
    script = tmp_path / "pager.py"
    script.write_text("import os, sys\n"
                      f"open({str(paged)!r}, 'w').write(os.environ['LESS'] + '|' + "
                      "sys.stdin.read())\n")
    monkeypatch.setenv("PAGER", f"{sys.executable} {script}")
    monkeypatch.delenv("LESS", raising=False)
    return paged


def test_text_longer_than_the_screen_goes_to_the_pager(terminal, fake_pager):
    pager.show(LONG, terminal)
    assert fake_pager.read_text() == "FRX|" + LONG  # less's options as git sets them
    assert terminal.getvalue() == ""


def test_text_that_fits_is_printed(terminal, fake_pager):
    pager.show("short\n", terminal)
    assert terminal.getvalue() == "short\n" and not fake_pager.exists()


def test_long_lines_count_as_the_rows_they_wrap_to(terminal):
    assert pager.screen_rows("x" * 250 + "\n\n") == 4
    assert not pager.fits("x" * 100 * 40)


def test_no_terminal_no_pager(fake_pager, capsys):
    pager.show(LONG)
    assert capsys.readouterr().out == LONG and not fake_pager.exists()


@pytest.mark.parametrize("setting", ["cat", "", "no-such-pager-here -x"])
def test_paging_off_or_no_pager_installed_prints(terminal, monkeypatch, setting):
    monkeypatch.setenv("PAGER", setting)
    pager.show(LONG, terminal)
    assert terminal.getvalue() == LONG


def test_without_pager_set_it_is_less_as_git_uses_it(monkeypatch):
    monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.setattr(pager.shutil, "which", lambda program: f"/usr/bin/{program}")
    assert pager.pager_command() == "less -FRX"


def test_make_solution_pages_on_a_terminal(kata_copy, terminal, fake_pager, monkeypatch):
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("LINES", "5")  # step 1's reference is short
    assert main(["solution", "1", "--yes"]) == 0
    assert "class Variable" in fake_pager.read_text()


def test_the_question_goes_where_the_learner_sees_it_when_stdout_is_a_pipe(monkeypatch,
                                                                          capsys):
    """`make solution STEP=17 | head`: the question must not disappear into the pipe."""
    monkeypatch.setattr(sys, "stdin", Screen())
    monkeypatch.setattr(sys, "stderr", Screen())
    monkeypatch.setattr("builtins.input", lambda prompt: prompt + "y")
    assert reset.confirm("Show it?", False, "refused")
    assert sys.stderr.getvalue() == "Show it? [y/N] " and capsys.readouterr().out == ""


def kata_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kata", *args]


def test_a_reader_that_stops_early_gets_no_traceback():
    """`make solution STEP=2 | head`: head has gone before the text is written."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone: every write fails with a broken pipe
    try:
        done = subprocess.run(kata_command("solution", "2", "--yes"), cwd=ROOT, stdout=write_end,
                              stderr=subprocess.PIPE, text=True, check=False,
                              timeout=PROCESS_LIMIT_S)
    finally:
        os.close(write_end)
    assert done.stderr == "" and done.returncode == 0


def test_a_reader_of_one_line_gets_that_line():
    """The same through a real reader, which takes one line and leaves."""
    reader = [sys.executable, "-c", "import sys; print(sys.stdin.readline(), end='')"]
    with subprocess.Popen(kata_command("solution", "2", "--yes"), cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as writer:
        line = subprocess.run(reader, stdin=writer.stdout, capture_output=True, text=True,
                              check=False).stdout
        writer.stdout.close()
        errors = writer.stderr.read().decode()
    assert line.startswith("Reference solution of step 2")
    assert errors == "" and writer.returncode == 0

