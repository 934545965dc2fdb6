"""`make run STEP=N FILE=script.py`: a script on a step's code (issue 22, item 5)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kata.cli import main
from kata.commands import run
from kata.layout import ROOT, UsageError

BOOK_STYLE = """import os, sys
if '__file__' in globals():  # as the book's scripts do: their parent folder on the path
    sys.path.append(os.path.join(os.path.dirname(__file__), '..'))
import dezero
print("dezero from", dezero.__file__)
print("arguments", sys.argv[1:])
"""


@pytest.fixture
def script(tmp_path):
    """A book-style script with a decoy dezero beside it and in its parent folder."""
    folder = tmp_path / "book" / "steps"
    folder.mkdir(parents=True)
    for decoy in (folder / "dezero.py", tmp_path / "book" / "dezero.py"):
        decoy.write_text("raise SystemExit('the wrong dezero')\n", encoding="utf-8")
    path = folder / "step01.py"
    path.write_text(BOOK_STYLE, encoding="utf-8")
    return path


def test_the_steps_dezero_comes_first(script):
    done = subprocess.run(run.command(1, "solutions", script, ["a", "b c"]), cwd=ROOT,
                          capture_output=True, text=True, check=False, timeout=60,
                          env={**run.environment(), "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode == 0, done.stderr
    assert f"dezero from {ROOT / 'solutions' / 'step01' / 'dezero.py'}" in done.stdout
    assert "arguments ['a', 'b c']" in done.stdout


def test_the_command_says_what_it_runs_and_passes_the_exit_code(script, capfd, monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    assert main(["run", "1", "--impl", "solutions", "--file", str(script),
                 "--args", "x 'y z'"]) == 0
    out = capfd.readouterr().out
    said = " ".join(out.split())  # a long path wraps the line
    assert said.startswith(f"running {script} with solutions/step01's dezero first on the path")
    assert "arguments ['x', 'y z']" in out
    script.write_text("raise SystemExit(3)\n", encoding="utf-8")
    assert main(["run", "1", "--impl", "solutions", "--file", str(script)]) == 3


@pytest.mark.parametrize("environment, platform, agg", [
    ({}, "linux", True),                              # SSH, WSL without a GUI, a container
    ({"DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"MPLBACKEND": "TkAgg"}, "linux", False),       # the learner's choice wins
    ({}, "darwin", False),                            # macOS draws in its own windows
])
def test_matplotlib_draws_into_files_without_a_display(monkeypatch, environment, platform, agg):
    monkeypatch.setattr(sys, "platform", platform)
    env = run.environment(environment)
    assert (env.get("MPLBACKEND") == "Agg") == agg


def test_a_script_is_found_in_the_step_folder_too():
    assert run.find_script("dezero.py", 1) == ROOT / "steps" / "step01" / "dezero.py"
    with pytest.raises(UsageError, match="make run STEP=1 FILE=my_script.py"):
        run.find_script("", 1)
    with pytest.raises(UsageError, match="there is no file nope.py"):
        run.find_script("nope.py", 1)


def test_matplotlib_missing_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    path = tmp_path / "plots.py"
    path.write_text("import matplotlib.pyplot as plt\n", encoding="utf-8")
    monkeypatch.setattr(run.importlib.util, "find_spec", lambda name: None)
    assert main(["run", "1", "--file", str(path)]) == 1
    assert ".venv/bin/python -m pip install --group plot" in capsys.readouterr().err


def test_make_lists_run_and_its_file():
    done = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT,
                          capture_output=True, text=True, check=False, timeout=60)
    assert "make run " in done.stdout and "FILE=" in done.stdout
    assert max(map(len, done.stdout.splitlines())) <= 100
