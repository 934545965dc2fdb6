"""The pytest side of the kata: which step, which `dezero`, and failures a learner can read.

* `--step N` (or inferred from a `tests/stepNN` argument) picks the step; every test
  introduced at a step up to N runs, unless `@pytest.mark.until(M)` says it stopped
  holding after step M (the book changes behaviour at steps 11, 12, 14, 16, 17, 18, and
  later 32 and 40), or
  `@pytest.mark.not_at(11)` says it does not hold at that step (step 11's list calls).
* `--impl steps|solutions|PATH` picks the folder `dezero` is imported from.
* Tests reach the learner's module through the `dezero` fixture, so a missing name fails
  one test with "steps/step09/dezero.py defines no `square`" instead of an ImportError.
* A failure is reported in a few lines (message, the line in the learner's file, the
  test's line); `--kata-full` (make ... V=1) gives pytest's full tracebacks.
* `--kata-report FILE` writes each test's outcome as JSON, for `make verify`.
"""

from __future__ import annotations

import importlib
import json
import sys
import traceback
from pathlib import Path

import pytest

from kata import missing
from kata.layout import (
    TESTS,
    describe_steps,
    dezero_path,
    guide,
    impl_dir,
    rel,
    step_of_path,
)

INTRODUCED = pytest.StashKey[int]()
RUNNER_TESTS = TESTS / "runner"  # the runner's own tests: no step, no dezero


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kata", "DeZero kata")
    group.addoption("--step", type=int, help="the step to test (default: from the test paths)")
    group.addoption("--impl", default="steps",
                    help="where dezero comes from: steps (yours), solutions, or a folder")
    group.addoption("--kata-full", action="store_true", help="full pytest tracebacks")
    group.addoption("--kata-report", metavar="FILE", help="write each test's outcome as JSON")


class Kata:
    """What this run is about: the step, the implementation folder, and the results."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.step = config.getoption("step") or _step_from_args(config.args)
        self.runner_only = bool(config.args) and all(
            Path(arg).resolve().is_relative_to(RUNNER_TESTS) for arg in config.args)
        if self.step is None and not self.runner_only:
            raise pytest.UsageError("say which step to test: pytest --step 17 "
                                    "(or: make test STEP=17)")
        self.folder = impl_dir(self.step or 0, config.getoption("impl"))
        self.full = config.getoption("kata_full")
        self.outcomes: dict[str, dict] = {}
        self.failures: list[tuple[str, str]] = []  # (test name, what went wrong)
        self.deselected = 0  # tests that stopped holding before this step
        self.ran_kata_tests = False
        self._module = None
        self.import_problem: str | None = None

    @property
    def module_file(self) -> str:
        return rel(dezero_path(self.folder))

    def work_files(self) -> list[str]:
        """The files that hold this step's TODOs in the skeleton (the dezero module if none)."""
        from kata.generate import skeleton

        marker = f"TODO(step {self.step:02d})"
        try:
            names = [name for name, text in skeleton(self.step).items()
                     if name.suffix == ".py" and marker in text]
        except OSError:  # not a step of this repository
            names = []
        return [rel(self.folder / name) for name in names] or [self.module_file]

    def load(self):
        """Import `dezero` from the chosen folder once; remember a failure as one message."""
        if self._module is None and self.import_problem is None:
            sys.path.insert(0, str(self.folder))
            try:
                self._module = importlib.import_module("dezero")
            except Exception as error:  # a learner's syntax error must not stop the run
                self.import_problem = _describe_import_error(error, self.folder)
        if self.import_problem:
            pytest.fail(self.import_problem, pytrace=False)
        return self._module


@pytest.hookimpl(trylast=True)  # after the terminal reporter exists
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "until(step): the test holds up to this step only")
    config.addinivalue_line("markers", "not_at(*steps): the test does not hold at these steps")
    config.addinivalue_line("markers",
                            "passes_on_skeleton(reason): exempt from 'the skeleton fails it'")
    if config.pluginmanager.hasplugin("kata-state"):
        return
    state = Kata(config)
    config.pluginmanager.register(state, "kata-state")
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if not state.full and not state.runner_only:
        config.option.tbstyle = "no"  # our summary shows the failures, briefly
        if reporter is not None:
            reporter.reportchars = ""  # ... instead of pytest's short summary


def kata(config: pytest.Config) -> Kata:
    return config.pluginmanager.get_plugin("kata-state")


def _step_from_args(args: list[str]) -> int | None:
    steps = [step_of_path(arg) for arg in args]
    steps = [s for s in steps if s is not None]
    return max(steps) if steps else None


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Later steps' tests are not even collected."""
    state = kata(config)
    if collection_path.is_relative_to(RUNNER_TESTS):
        return not state.runner_only or None
    step = step_of_path(collection_path)
    if step is not None and collection_path.is_relative_to(TESTS):
        return state.runner_only or step > state.step or None
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Drop tests past their `until` step; put this step's tests first."""
    state = kata(config)
    if state.runner_only:
        return
    keep, dropped = [], []
    for item in items:
        introduced = step_of_path(item.path) or state.step
        item.stash[INTRODUCED] = introduced
        until, not_at = item.get_closest_marker("until"), item.get_closest_marker("not_at")
        if (until and until.args[0] < introduced) or (not_at and introduced in not_at.args):
            raise pytest.UsageError(f"{item.nodeid}: its until/not_at markers leave no step "
                                    f"where it runs (it is introduced at step {introduced})")
        gone = (until and state.step > until.args[0]) or (not_at and state.step in not_at.args)
        (dropped if gone else keep).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    state.deselected = len(dropped)
    state.ran_kata_tests = any(item.path.is_relative_to(TESTS) for item in keep)
    keep.sort(key=lambda item: item.stash[INTRODUCED] != state.step)
    items[:] = keep


_MISSING = object()


class LearnerModule:
    """The learner's `dezero`, where a missing name is a plain test failure."""

    def __init__(self, module, where: str, step: int):
        self._module, self._where, self._step = module, where, step

    def __getattr__(self, name: str):
        value = getattr(self._module, name, _MISSING)  # no `except`: V=1 shows no chain
        if value is _MISSING:
            value = missing.submodule(self._module, name, _MISSING)
        if value is _MISSING:
            pytest.fail(missing.describe(self._module, name, self._where, self._step),
                        pytrace=False)
        if type(value).__name__ == "module" and value.__name__.startswith("dezero"):
            return LearnerModule(value, f"{self._where}: dezero.{name}", self._step)
        return value

    def __repr__(self) -> str:
        return f"<dezero from {self._where}>"


@pytest.fixture
def dezero(request: pytest.FixtureRequest) -> LearnerModule:
    """The `dezero` module of the step under test."""
    state = kata(request.config)
    return LearnerModule(state.load(), state.module_file, state.step)


@pytest.fixture
def step(request: pytest.FixtureRequest) -> int:
    """The step under test (tests that apply to many steps may look at it)."""
    return kata(request.config).step


@pytest.fixture
def impl_folder(request: pytest.FixtureRequest) -> Path:
    """The folder the `dezero` under test comes from."""
    return kata(request.config).folder


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    state = kata(item.config)
    if state.runner_only:  # the runner's own tests: plain pytest output for maintainers
        return report
    if report.failed and call.excinfo is not None and not state.full:
        report.longrepr = brief(call.excinfo, state)
        state.failures.append((item.name, report.longrepr))
    if report.when == "call" or report.outcome != "passed":
        marker = item.get_closest_marker("passes_on_skeleton")
        state.outcomes[item.nodeid] = {
            "outcome": report.outcome,
            "introduced": item.stash.get(INTRODUCED, state.step),
            "exempt": (marker.args[0] if marker and marker.args else None),
            "import_failed": state.import_problem is not None,
        }
    return report


def brief(excinfo: pytest.ExceptionInfo, state: Kata) -> str:
    """A failure in the learner's words: what went wrong, and where to look."""
    error = excinfo.value
    message = str(error).strip()
    if isinstance(error, pytest.fail.Exception) and message.startswith("Timeout"):
        seconds = message.split(">")[-1].split("s")[0]
        message = (f"timed out after {seconds} s: something never finishes "
                   f"(a loop whose condition never changes?)")
    elif isinstance(error, NotImplementedError):
        message = f"not written yet: {message}"
    elif not isinstance(error, (AssertionError, pytest.fail.Exception)):
        message = f"{type(error).__name__}: {message}" if message else type(error).__name__
    lines = [message]
    learner, test = _locations(excinfo, state.folder)
    if learner:
        lines.append(f"  in your code: {learner}")
    if test:
        lines.append(f"  test: {test}")
    return "\n".join(lines)


def _locations(excinfo: pytest.ExceptionInfo, folder: Path) -> tuple[str, str]:
    """Where to look: the innermost frames in the learner's folder, and the test's line."""
    learner: list[str] = []
    test = helper = ""
    for entry in excinfo.traceback:
        path = Path(entry.path)
        where = f"{rel(path)}:{entry.lineno + 1}"
        if path.is_relative_to(folder):
            source = str(entry.statement).strip().splitlines()
            shown = source and "NotImplementedError" not in source[0]
            learner.append(f"{where} in {entry.name}()" + (f": {source[0]}" if shown else ""))
        elif path.is_relative_to(TESTS):
            if path.name.startswith("test_"):
                test = where
            else:
                helper = where  # a conftest or shared helper: the test's own line is better
    if len(learner) > 1 and ": raise " in learner[-1]:  # a deliberate raise: who called it?
        return f"{learner[-1]}\n    called from {learner[-2]}", test or helper
    return (learner[-1] if learner else ""), test or helper


def _describe_import_error(error: Exception, folder: Path) -> str:
    """One message for a `dezero` that does not import (missing, syntax error, crash)."""
    if isinstance(error, ModuleNotFoundError) and error.name == "dezero":
        return f"no dezero module in {rel(folder)} (expected {rel(dezero_path(folder))})"
    if isinstance(error, SyntaxError):
        return (f"{rel(error.filename or '')}:{error.lineno}: {error.msg} "
                f"— dezero cannot be imported until this is fixed")
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if Path(f.filename).is_relative_to(folder)]
    where = f" at {rel(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    return f"importing dezero failed{where}: {type(error).__name__}: {error}"


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """This step's tests apart from the earlier steps' tests, and where to go next."""
    state = kata(config)
    if state.runner_only:
        return
    write = terminalreporter.write_line
    show_failures(state, write)
    if not state.ran_kata_tests:  # e.g. a learner's own test file (step 10): no kata summary
        return
    this = _tally(state, lambda introduced: introduced == state.step)
    earlier = _tally(state, lambda introduced: introduced < state.step)
    where = "your code" if config.getoption("impl") == "steps" else rel(state.folder)
    write("")
    write(f"Step {state.step} ({where}: {', '.join(state.work_files())})", bold=True)
    write(f"  this step's tests:     {this}")
    if state.step > 1:
        steps = describe_steps(list(range(1, state.step)))
        steps = f"step {steps}" if state.step == 2 else f"steps {steps}"
        if earlier == "none":
            earlier = "not run (pytest tests --step N runs them too)"
        write(f"  earlier steps' tests:  {earlier}   ({steps})")
    if state.deselected:
        write(f"  ({state.deselected} tests of earlier steps do not apply at this step: "
              f"the book changed that behaviour, or they test another step's exercise)")
    if state.failures and config.getoption("impl") == "steps":
        write(f"  guide: {rel(guide(state.step))}   hints: make hint STEP={state.step}")
    report = config.getoption("kata_report")
    if report:
        Path(report).write_text(json.dumps(state.outcomes, indent=1), encoding="utf-8")


SHOWN_IN_FULL = 3  # failures shown in full; the rest are grouped, so a run fits one screen
GROUPS_LISTED = 8  # one line each


def show_failures(state: Kata, write) -> None:
    """The first failures in full, then the others grouped by their message, one line each."""
    if not state.failures:
        return
    write("")
    for name, text in state.failures[:SHOWN_IN_FULL]:
        write(f"FAILED {name}", red=True, bold=True)
        write(text)
    rest = state.failures[SHOWN_IN_FULL:]
    if not rest:
        return
    groups: dict[str, list[str]] = {}  # first line of the message -> the tests that gave it
    for name, text in rest:
        groups.setdefault(text.splitlines()[0], []).append(name)
    write(f"... and {len(rest)} more failing (V=1 shows each in full, with its traceback):",
          red=True)
    listed = sorted(groups.items(), key=lambda group: -len(group[1]))[:GROUPS_LISTED]
    for message, names in listed:
        who = f"FAILED {names[0]}" if len(names) == 1 else f"FAILED {len(names)} tests"
        line = f"{who}: {message}"
        write(line if len(line) <= 120 else line[:117] + "...")
    unlisted = sum(len(names) for names in groups.values()) - sum(len(n) for _, n in listed)
    if unlisted:
        write(f"... and {unlisted} more, with other messages")


def _tally(state: Kata, wanted) -> str:
    counts: dict[str, int] = {}
    for outcome in state.outcomes.values():
        if wanted(outcome["introduced"]):
            counts[outcome["outcome"]] = counts.get(outcome["outcome"], 0) + 1
    return ", ".join(f"{n} {word}" for word, n in sorted(counts.items())) or "none"


