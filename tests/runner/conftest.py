"""A private copy of the kata for the runner's tests: they never touch steps/ or .kata/."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from kata import layout
from kata.commands import backup
from kata.maintainer import generate
from tests.runner.korean import english, korean  # noqa: F401 (fixtures for every runner test)
from tests.runner.mutants import RUNNER_TEST_LIMIT_S

COPIED_STEPS = (1, 2)  # written and stable; the tests of later steps may still be in the works


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The runner's tests start pytest processes that run whole steps: their time limit is
    sized for a loaded machine (a test's own `timeout` mark comes first)."""
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.timeout(RUNNER_TEST_LIMIT_S))


@pytest.fixture(autouse=True)
def english_unless_a_test_asks(monkeypatch):
    """The runner's tests read its English sentences: a maintainer whose locale or
    `make lang` is Korean runs them in English too (a test that wants Korean sets KATA_LANG)."""
    monkeypatch.setenv("KATA_LANG", "en")


class KataCopy:
    """solutions/ (steps 1–2), their generated steps/ and .kata/ under a temporary folder."""

    def __init__(self, root: Path):
        self.root = root
        self.solutions = root / "solutions"
        self.steps = root / "steps"
        self.work = root / ".kata"
        for step in COPIED_STEPS:
            shutil.copytree(layout.SOLUTIONS / layout.step_name(step),
                            self.solutions / layout.step_name(step))

    def file(self, step: int, name: str = "dezero.py") -> Path:
        return self.steps / layout.step_name(step) / name

    def solve(self, step: int) -> None:
        """Write the reference solution into the learner's folder, as a learner would."""
        for name in generate.solution_files(step):
            self.file(step, str(name)).write_text(generate.views(step, name).solution,
                                                  encoding="utf-8")

    def edit(self, step: int, extra: str = "\n# my notes\n") -> None:
        """Change the learner's dezero.py without making it pass."""
        with self.file(step).open("a", encoding="utf-8") as file:
            file.write(extra)

    def backups(self) -> list[Path]:
        return sorted(backup.BACKUPS.glob("*")) if backup.BACKUPS.exists() else []


@pytest.fixture
def kata_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KataCopy:
    root = tmp_path.resolve()
    copy = KataCopy(root)
    for module, name, value in [
        (layout, "SOLUTIONS", copy.solutions), (layout, "STEPS", copy.steps),
        (layout, "WORK", copy.work), (generate, "SOLUTIONS", copy.solutions),
        (generate, "STEPS", copy.steps), (backup, "ROOT", root),
        (backup, "BACKUPS", copy.work / "backups"),
    ]:
        monkeypatch.setattr(module, name, value)
    generate.write_skeletons(copy.steps, list(COPIED_STEPS))
    return copy


class Terminal:
    """A stdin that is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch):
    """`answer("y")`: the learner is at a terminal and types y; returns the questions asked."""
    questions: list[str] = []

    def at_terminal(text: str) -> list[str]:
        monkeypatch.setattr("sys.stdin", Terminal())
        monkeypatch.setattr("builtins.input", lambda q: questions.append(q) or text)
        return questions

    return at_terminal


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stdin is not a terminal (make in a script, CI) and nobody could answer."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    def no_input(question):
        raise AssertionError(f"asked {question!r} with no terminal")

    monkeypatch.setattr("builtins.input", no_input)
