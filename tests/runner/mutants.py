"""A reference solution with a learner's mistake in it, and what the step's tests then print.

    folder = mutant(tmp_path, 17, "dezero.py", ("output.set_creator(self)", "..."))
    out = run_tests(folder, 17)

The copy lives outside the repository; the tests run on it as on a learner's folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kata.layout import ROOT, SOLUTIONS, step_name


def mutant(tmp_path: Path, step: int, name: str, *edits: tuple[str, str]) -> Path:
    """solutions/stepNN copied under tmp_path, with each (old, new) replaced once in `name`."""
    folder = tmp_path / step_name(step)
    if not folder.exists():
        shutil.copytree(SOLUTIONS / step_name(step), folder)
    path = folder / name
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} is not once in {path}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return folder


def skeleton(tmp_path: Path, step: int) -> Path:
    """The untouched skeleton of a step, as the generator makes it, under tmp_path."""
    from kata.maintainer import generate

    folder = tmp_path / step_name(step)
    for name, text in generate.skeleton(step).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


WIDE = {"COLUMNS": "1000", "LINES": "1000"}  # a terminal where no message is cut or wrapped
# How long a process started by a runner test may take, and a runner test itself (it may
# start several): sized so that a hang, never a busy machine, runs past them. The learner's
# per-test timeout (pyproject.toml's, 10 s) guards against endless loops in their code;
# the runner's own tests never judge the runner by its speed.
PROCESS_LIMIT_S = 300
RUNNER_TEST_LIMIT_S = 900


def run_tests(folder: Path, step: int, *args: str, screen: dict[str, str] = WIDE) -> str:
    """What `make test` prints for the tests of this step (or those in `args`) on `folder`,
    on a terminal of `screen`'s COLUMNS and LINES (by default, one that fits everything)."""
    return run(folder, step, *args, screen=screen).output


@dataclass(frozen=True)
class Run:
    output: str  # stdout and stderr
    exit_code: int


def run(folder: Path, step: int, *args: str, screen: dict[str, str] = WIDE) -> Run:
    """run_tests, with pytest's exit code."""
    paths = [arg for arg in args if arg.startswith("tests")] or [f"tests/{step_name(step)}"]
    options = [arg for arg in args if not arg.startswith("tests")]
    result = subprocess.run([sys.executable, "-m", "pytest", *paths, f"--step={step}",
                             f"--impl={folder}", "-q", "-p", "no:cacheprovider", *options],
                            cwd=ROOT, capture_output=True, text=True, check=False,
                            env={**os.environ, **screen}, timeout=PROCESS_LIMIT_S)
    return Run(result.stdout + result.stderr, result.returncode)


def first_failure(output: str) -> str:
    """The message of the failure to fix first: the one shown in full, the last FAILED."""
    lines = output.splitlines()
    shown = [index for index, line in enumerate(lines)
             if line.startswith(("FAILED ", "ERROR ")) and index + 1 < len(lines)]
    return lines[shown[-1] + 1] if shown else ""

