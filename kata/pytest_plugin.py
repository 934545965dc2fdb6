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
* This step's tests run first; when one fails, the earlier steps' tests are not run (the
  learner fixes this step first). The first timeout stops the run too: an endless loop
  would only make every later test wait as long. `--kata-all` runs every test regardless.
  The timeout is the kata's own alarm (see Timeout): Hypothesis's `@given` cannot swallow
  it, and it never rings inside pytest's reporting.
* What the learner reads first comes last, next to the prompt (kata.ordering picks it,
  kata.screen fits the list to the terminal); Ctrl-C still prints the failures so far.
* `--kata-report FILE` writes each test's outcome as JSON, for `make verify`.
"""

from __future__ import annotations

import ast
import functools
import importlib
import json
import signal
import sys
import threading
import traceback
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from kata import i18n, missing, ordering, screen
from kata.checks import NAMED_MISTAKE, OPTIONAL, is_optional_skip
from kata.i18n import _, ngettext
from kata.layout import (
    STEPS,
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
    group.addoption("--kata-all", action="store_true",
                    help="run every test, even after this step's tests fail or one times out")


class Kata:
    """What this run is about: the step, the implementation folder, and the results."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.step = config.getoption("step") or _step_from_args(config.args)
        self.runner_only = bool(config.args) and all(
            Path(arg).resolve().is_relative_to(RUNNER_TESTS) for arg in config.args)
        if self.step is None and not self.runner_only:
            raise pytest.UsageError(_("say which step to test: pytest --step 17 "
                                      "(or: make test STEP=17)"))
        self.folder = impl_dir(self.step or 0, config.getoption("impl"))
        self.full = config.getoption("kata_full")
        self.outcomes: dict[str, dict] = {}
        self.failures: list[ordering.Failure] = []
        self.deselected = 0  # tests that stopped holding before this step
        self.run_all = config.getoption("kata_all")
        self.tests = 0  # tests selected to run
        self.ran = 0  # tests whose run is over
        self.current: pytest.Item | None = None  # the test running now
        self.running_test_code = False  # set-up, the test or tear-down runs (not reporting)
        self.stopped: str | None = None  # why the run stopped early: "this step", "timeout"
        self.interrupted = False  # Ctrl-C
        self.uncollected = False  # a test file failed to import: pytest stopped before running
        self.failed_here = False  # a test of this step failed (in any output mode)
        self.ran_kata_tests = False
        self._module = None
        self.import_problem: str | None = None

    @property
    def module_file(self) -> str:
        return rel(dezero_path(self.folder))

    def work_files(self) -> list[str]:
        """The files that hold this step's TODOs in the skeleton (the dezero module if none)."""
        names = [name for name, text in self._skeleton().items() if self._marker in text]
        return [rel(self.folder / name) for name in names] or [self.module_file]

    @property
    def _marker(self) -> str:
        return f"TODO(step {self.step:02d})"

    def _skeleton(self) -> dict[Path, str]:
        """This step's skeleton: its Python files, by name."""
        from kata.maintainer.generate import skeleton

        try:
            return {name: text for name, text in skeleton(self.step).items()
                    if name.suffix == ".py"}
        except OSError:  # not a step of this repository
            return {}

    @functools.cached_property
    def work_functions(self) -> set[tuple[Path, str]]:
        """(file, qualified name) of each function holding one of this step's TODOs in the
        skeleton: the code the learner writes at this step."""
        found = set()
        for name, text in self._skeleton().items():
            if self._marker not in text:
                continue
            lines = [number for number, line in enumerate(text.splitlines(), 1)
                     if self._marker in line]
            for function in _functions(text):
                if any(function.first <= line <= function.last for line in lines):
                    found.add((name, function.name))
        return found

    def work_function(self, entry) -> bool:
        """Whether a traceback entry of the learner's runs one of this step's functions."""
        path = Path(entry.path)
        name = _function_named(str(path), entry.frame.code.raw.co_firstlineno)
        return name is not None and (path.relative_to(self.folder), name) in self.work_functions

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

    def pytest_keyboard_interrupt(self, excinfo: pytest.ExceptionInfo) -> None:
        """Ctrl-C: the test it stopped is a failure to show, with the line it was running."""
        if self.runner_only:
            return
        if isinstance(excinfo.value, pytest.Session.Interrupted):  # pytest's own stop, not a
            self.uncollected = True  # key: a test file could not be imported (collection)
            return
        self.interrupted = True
        if self.current is None:  # between two tests
            return
        lines = [_("interrupted (Ctrl-C) while this test ran")]
        learner, test = _locations(excinfo, self.folder)
        if learner:
            lines.append("  " + _("it was at, in your code: {where}").format(where=learner))
        if test:
            lines.append("  " + _("test: {where}").format(where=test))
        self.failures.append(_failure(self, self.current, "\n".join(lines), stopped=True))


@pytest.hookimpl(trylast=True)  # after the terminal reporter exists
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "until(step): the test holds up to this step only")
    config.addinivalue_line("markers", "not_at(*steps): the test does not hold at these steps")
    config.addinivalue_line("markers",
                            "passes_on_skeleton(reason): exempt from 'the skeleton fails it'")
    config.addinivalue_line("markers", "explains(phrase): the test diagnoses a known mistake; "
                                       "a failure that says `phrase` is shown first")
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
    state.tests = len(keep)


class Timeout(BaseException):
    """A test ran past its time: raised by the kata's alarm, in place of pytest-timeout's.

    Not an Exception, nor pytest's Failed: Hypothesis catches those inside a `@given` test
    and replays the example to shrink it, with no alarm left, so an endless loop there
    would never end. Nothing but pytest catches a BaseException of the kata's own.
    """

    def __init__(self, seconds: float):
        super().__init__(f"Timeout (>{seconds:.1f}s)")
        self.seconds = seconds


AGAIN_S = 1.0  # after the first alarm, again each second, should something swallow it


@pytest.hookimpl(optionalhook=True)
def pytest_timeout_set_timer(item: pytest.Item, settings) -> bool | None:
    """The per-test timeout (pytest-timeout's setting), as an alarm that raises Timeout.

    It raises only while a test's code runs (set-up, the test, tear-down: pytest turns what
    they raise into the test's failure), never inside pytest's reporting, where it would be
    an INTERNALERROR. It rings again each second until the test is over, so a learner's
    bare `except:` cannot swallow it for good. Where SIGALRM is missing (Windows) or
    pytest runs outside the main thread, pytest-timeout's own timer stays.
    """
    state = kata(item.config)
    if (settings.method != "signal" or not hasattr(signal, "SIGALRM")
            or threading.current_thread() is not threading.main_thread()):
        return None

    def ring(signum, frame) -> None:
        if state.running_test_code and not _debugging(settings):
            raise Timeout(settings.timeout)

    def cancel() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)

    item.cancel_timeout = cancel  # what pytest-timeout's cancel_timer calls
    signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, settings.timeout, AGAIN_S)
    return True


def _debugging(settings) -> bool:
    """A debugger is stepping through the test: no alarm (as pytest-timeout does)."""
    import pytest_timeout

    return not settings.disable_debugger_detection and pytest_timeout.is_debugging()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    return (yield from _test_code(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    return (yield from _test_code(item))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item):
    return (yield from _test_code(item))


def _test_code(item: pytest.Item):
    """While set-up, the test or tear-down runs: the time when the alarm may raise."""
    state = kata(item.config)
    state.running_test_code = True
    try:
        return (yield)
    finally:
        state.running_test_code = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    """Stop after this step's tests when one failed, and at the first timeout."""
    state = kata(item.config)
    state.current = item
    result = yield
    state.current = None
    state.ran += 1
    if state.runner_only or state.run_all or nextitem is None:
        return result
    this_step_over = (item.stash[INTRODUCED] == state.step
                      and nextitem.stash[INTRODUCED] != state.step)
    if state.stopped == "timeout" or (this_step_over and state.failed_here):
        state.stopped = state.stopped or "this step"
        raise item.session.Failed(state.stopped)  # a failed run; pytest adds no banner
    return result


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


@pytest.fixture(autouse=True)
def numpy_random_state_restored():
    """Every test leaves np.random as it found it. The book's layers, dropout and data sets
    draw from NumPy's global generator, and seed it (get_spiral): one test's seed must not
    decide the next test's draws."""
    state = np.random.get_state()
    yield
    np.random.set_state(state)


@pytest.fixture
def global_seed():
    """np.random.seed, for a test that seeds as the book's scripts do (`global_seed(0)`);
    the state is put back after the test, as after every test."""
    return np.random.seed


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
    if report.failed and call.excinfo is not None:
        timed_out = _timed_out(call.excinfo.value)
        if timed_out:
            state.stopped = "timeout"
            getattr(item, "cancel_timeout", lambda: None)()  # no second alarm in tear-down
        if item.stash.get(INTRODUCED, state.step) == state.step:
            state.failed_here = True
        if not state.full:
            report.longrepr = brief(call.excinfo, state)
            named = getattr(call.excinfo.value, NAMED_MISTAKE, False)
            state.failures.append(_failure(state, item, report.longrepr, timed_out, named,
                                           error=report.when != "call",
                                           raw=_raised_by_a_test(call.excinfo, state.folder)))
    if report.when == "call" or report.outcome != "passed":
        marker = item.get_closest_marker("passes_on_skeleton")
        state.outcomes[item.nodeid] = {
            "outcome": report.outcome,
            "phase": report.when,  # a failed set-up is an error
            "introduced": item.stash.get(INTRODUCED, state.step),
            "exempt": (marker.args[0] if marker and marker.args else None),
            "import_failed": state.import_problem is not None,
            "skip_reason": _skip_reason(report),
        }
    return report


def _skip_reason(report: pytest.TestReport) -> str | None:
    """Why a test was skipped (pytest.skip's text), or None for a test that ran."""
    if not report.skipped:
        return None
    if isinstance(report.longrepr, tuple):  # (file, line, "Skipped: why")
        return report.longrepr[2].removeprefix("Skipped: ")
    return str(report.longrepr)


def _timed_out(error: BaseException) -> bool:
    """The kata's Timeout, or pytest-timeout's own (Windows: its thread method)."""
    return isinstance(error, Timeout) or (isinstance(error, pytest.fail.Exception)
                                          and str(error).startswith("Timeout"))


def _raised_by_a_test(excinfo: pytest.ExceptionInfo, folder: Path) -> bool:
    """A bare exception (not a check's failure) whose innermost frame, of the learner's
    code and the tests, is a line of a test file: `p.shape` on a Layer that the learner's
    params() gave, say. A check that says what is wrong explains more."""
    if isinstance(excinfo.value, (AssertionError, pytest.fail.Exception, Timeout,
                                  NotImplementedError, RecursionError)):
        return False
    last = None
    for entry in excinfo.traceback:
        path = Path(entry.path)
        if path.is_relative_to(folder) or path.is_relative_to(TESTS):
            last = path
    return last is not None and not last.is_relative_to(folder) and last.is_relative_to(TESTS)


def _failure(state: Kata, item: pytest.Item, text: str, stopped: bool = False,
             named_mistake: bool = False, error: bool = False,
             raw: bool = False) -> ordering.Failure:
    cannot_import = bool(state.import_problem) and text.startswith(state.import_problem)
    marker = item.get_closest_marker("explains")
    explains = marker is not None and all(phrase in text for phrase in marker.args)
    rank = ordering.rank(explains, named_mistake,
                         stopped or cannot_import,  # nothing works until dezero imports
                         raw)
    family = item.nodeid.split("[", 1)[0]
    return ordering.Failure(item.name, family, text, rank, state.ran, error)


def brief(excinfo: pytest.ExceptionInfo, state: Kata) -> str:
    """A failure in the learner's words: what went wrong, and where to look."""
    error = excinfo.value
    message = str(error).strip()
    if _timed_out(error):
        seconds = message.split(">")[-1].split("s")[0]
        message = _("timed out after {seconds} s: something never finishes (a loop whose "
                    "condition never changes?)").format(seconds=seconds)
    elif isinstance(error, NotImplementedError):
        message = _("not written yet: {message}").format(message=message)
    elif isinstance(error, RecursionError):
        message = _recursion(excinfo, state.folder) or f"RecursionError: {message}"
    elif isinstance(error, pytest.fail.Exception) and message.startswith("DID NOT RAISE "):
        message = _("expected {error} to be raised, but nothing was raised").format(
            error=message.removeprefix("DID NOT RAISE "))  # pytest.raises in a test
    elif not isinstance(error, (AssertionError, pytest.fail.Exception)):
        message = f"{type(error).__name__}: {message}" if message else type(error).__name__
    lines = [message]
    cause = _weak_reference_cause(error, state.step)
    if cause:
        lines.append("  " + cause)
    learner, test = _locations(excinfo, state.folder, state)
    if learner:
        where = _("stuck in your code: {where}") if _timed_out(error) else \
            _("in your code: {where}")
        lines.append("  " + where.format(where=learner))
    if test:
        lines.append("  " + _("test: {where}").format(where=test))
    return "\n".join(lines)


def _weak_reference_cause(error: BaseException, step: int) -> str:
    """What a raw AttributeError means when a weak reference is in play (step 17 on): the
    reference used as if it were its object, or an object that is gone."""
    if not isinstance(error, AttributeError) or step is None or step < 17:
        return ""
    if str(error).startswith("'weakref.ReferenceType' object"):
        return _("a weak reference is not its object: call it, ref(), to get the object "
                 "(None once the object is gone)")
    if str(error).startswith("'NoneType' object has no attribute 'grad'"):
        return _("None here may be a weak reference whose object is gone (ref() gave None): "
                 "an output nobody kept has no grad; count it as zeros")
    return ""


def _locations(excinfo: pytest.ExceptionInfo, folder: Path,
               state: Kata | None = None) -> tuple[str, str]:
    """Where to look: the innermost frames in the learner's folder, and the test's line.

    With `state`, a failure inside code of an earlier step points at the innermost caller
    that this step's TODOs are in. Only the frames named are read for their source: a
    RecursionError has a thousand.
    """
    learner: list = []
    test = helper = ""
    for entry in excinfo.traceback:
        path = Path(entry.path)
        if path.is_relative_to(folder):
            learner.append(entry)
        elif path.is_relative_to(TESTS):
            if path.name.startswith("test_"):
                test = _where(entry)
            else:
                helper = _where(entry)  # a conftest or shared helper: the test's line is better
    if isinstance(excinfo.value, RecursionError):
        learner = _recursing(learner) or learner
    lines = [_learner_line(entry) for entry in learner[-2:]]
    if len(lines) > 1 and ": raise " in lines[-1]:  # a deliberate raise: who called it?
        called = _("called from {line}").format(line=lines[-2])
        return f"{lines[-1]}\n    {called}", test or helper
    if learner and state is not None and not state.work_function(learner[-1]):
        # It broke in code of an earlier step, called from code of this one: the caller is
        # where to look (Max.backward gives BroadcastTo.forward a gy it cannot broadcast).
        caller = next((entry for entry in reversed(learner) if state.work_function(entry)),
                      None)
        if caller is not None:
            inside = _("failed inside {line}").format(line=lines[-1])
            return f"{_learner_line(caller)}\n    {inside}", test or helper
    return (lines[-1] if lines else ""), test or helper


class Definition:
    """A function's place in a source file: its qualified name and its lines."""

    def __init__(self, name: str, first: int, last: int):
        self.name, self.first, self.last = name, first, last


def _functions(text: str) -> list[Definition]:
    """Every function defined in a file's text (methods as Class.method), with its lines
    (from its first decorator on)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    found = []

    def visit(node, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = prefix + child.name
                if not isinstance(child, ast.ClassDef):
                    first = min([child.lineno] + [d.lineno for d in child.decorator_list])
                    found.append(Definition(name, first, child.end_lineno or child.lineno))
                visit(child, name + ".")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


@functools.lru_cache(maxsize=64)
def _definitions(path: str) -> dict[int, str]:
    """{first line: qualified name} of the functions in a file (read once per run)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return {function.first: function.name for function in _functions(text)}


def _function_named(path: str, first_line: int) -> str | None:
    return _definitions(path).get(first_line)


def _recursion(excinfo: pytest.ExceptionInfo, folder: Path) -> str:
    """What a RecursionError in the learner's code means: a graph walked by recursion is
    deeper than Python allows (each call on another object), or a function that calls
    itself on the same object without end. '' when no function of theirs repeats."""
    frames = [entry for entry in excinfo.traceback if Path(entry.path).is_relative_to(folder)]
    recurring = _recursing(frames)
    if not recurring:
        return ""
    name, limit = recurring[-1].name, sys.getrecursionlimit()
    code = recurring[-1].frame.code.raw
    first = code.co_varnames[0] if code.co_argcount else None
    objects = {id(entry.frame.f_locals.get(first)) for entry in recurring} if first else set()
    if len(objects) > len(recurring) // 2:
        return _("RecursionError: {name}() calls itself for each step back through the "
                 "graph, and this graph is deeper than Python's recursion limit ({limit} "
                 "calls): walk it with a loop instead, as backward does (a list of the "
                 "functions still to visit)").format(name=name, limit=limit)
    if first is None:
        return _("RecursionError: {name}() calls itself again and again on the same "
                 "arguments, without end (Python stops at {limit} calls): the line below "
                 "leads back into {name}()").format(name=name, limit=limit)
    return _("RecursionError: {name}() calls itself again and again on the same {argument}, "
             "without end (Python stops at {limit} calls): the line below leads back into "
             "{name}()").format(name=name, argument=first, limit=limit)


def _where(entry) -> str:
    return f"{rel(Path(entry.path))}:{entry.lineno + 1}"


def _learner_line(entry) -> str:
    """`dezero.py:12 in square(): return x ** 2`: the frame and the first line of its
    statement (not for the skeleton's NotImplementedError: the message says it). A method
    is named with its class, `Max.backward()`: a file has many a backward."""
    source = str(entry.statement).strip().splitlines()
    shown = source and "NotImplementedError" not in source[0]
    return f"{_where(entry)} in {_qualified(entry)}()" + (f": {source[0]}" if shown else "")


def _qualified(entry) -> str:
    """The frame's function as its file spells it, `Max.backward` (Python 3.10's code has
    no co_qualname): found by where it starts; its bare name where the file says nothing."""
    code = entry.frame.code.raw
    name = _function_named(str(entry.path), code.co_firstlineno)
    return name if name is not None and name.split(".")[-1] == code.co_name else entry.name


def _recursing(frames: list) -> list:
    """The learner's frames of the function that called itself most, for a RecursionError
    (its innermost call is the line to look at), or [] when none repeats."""
    counts = Counter(entry.frame.code.raw for entry in frames)
    if not counts:
        return []
    code, calls = counts.most_common(1)[0]
    return [entry for entry in frames if entry.frame.code.raw is code] if calls > 1 else []


def _describe_import_error(error: Exception, folder: Path) -> str:
    """One message for a `dezero` that does not import (missing, syntax error, crash)."""
    if isinstance(error, ModuleNotFoundError) and error.name == "dezero":
        fields = {"folder": rel(folder), "file": rel(dezero_path(folder))}
        step = step_of_path(folder)
        if folder.is_relative_to(STEPS) and step is not None:  # the learner's own folder
            return _("no dezero module in {folder} (expected {file}): make reset STEP={step} "
                     "puts the skeleton back (your files are backed up first)").format(
                         step=step, **fields)
        return _("no dezero module in {folder} (expected {file})").format(**fields)
    if isinstance(error, SyntaxError):
        return _("{file}:{line}: {problem} — dezero cannot be imported until this is "
                 "fixed").format(file=rel(error.filename or ""), line=error.lineno,
                                 problem=error.msg)
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if Path(f.filename).is_relative_to(folder)]
    problem = f"{type(error).__name__}: {error}"
    if frames:
        return _("importing dezero failed at {file}:{line}: {problem}").format(
            file=rel(frames[-1].filename), line=frames[-1].lineno, problem=problem)
    return _("importing dezero failed: {problem}").format(problem=problem)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """The failure to fix first, this step's tests apart from the earlier ones, what next."""
    state = kata(config)
    if state.runner_only:
        return
    report = config.getoption("kata_report")
    if report:
        Path(report).write_text(json.dumps(state.outcomes, indent=1), encoding="utf-8")
    width = terminalreporter._tw.fullwidth
    lines = _summary(state, exitstatus) if state.ran_kata_tests else []
    summary = [(row, at == 0 and line[:1] not in ("", " "))  # a headline's first row: bold
               for line in lines for at, row in enumerate(screen.wrap(line, width))]
    write = terminalreporter.write_line
    if state.failures:
        budget = (screen.height() - screen.progress_rows(state.ran, width) - 1
                  - screen.rows([row for row, _bold in summary], width) - screen.AROUND)
        write("")
        failures = ordering.ordered(state.failures)
        for line in screen.failure_list(failures, width, budget, _list_header(failures)):
            write(line, **_style(line))
    for row, bold in summary:
        write(row, bold=bold)


def _style(line: str) -> dict[str, bool]:
    return {"red": True, "bold": True} if line.startswith(("FAILED ", "ERROR ")) else {}


def _list_header(failures: list[ordering.Failure]) -> str:
    errors = len({failure.name for failure in failures if failure.error})
    failed = len({failure.name for failure in failures if not failure.error})
    counts = []
    if failed:
        counts.append(ngettext("{n} test failed", "{n} tests failed", failed).format(n=failed))
    if errors:
        counts.append(ngettext("{n} error", "{n} errors", errors).format(n=errors))
    return _("{counts}; the first to fix is the last, in full (V=1: all in full):").format(
        counts=", ".join(counts))


def _summary(state: Kata, exitstatus: int) -> list[str]:
    """Step N: this step's tests, the earlier steps' tests, why some did not run, what next.

    A headline starts at the left margin (the runner prints it in bold); the rest is indented.
    """
    impl = state.config.getoption("impl")
    learner = impl != "solutions"  # steps/, or a folder given in its place
    this = _tally(state, lambda introduced: introduced == state.step) or _("none")
    earlier = _tally(state, lambda introduced: introduced < state.step)
    counted = earlier is not None and state.stopped != "this step"  # earlier steps' tests ran
    files = ", ".join(state.work_files())
    if impl == "steps":
        head = _("Step {step} (your code: {files})").format(step=state.step, files=files)
    else:
        head = _("Step {step} ({folder}: {files})").format(step=state.step,
                                                           folder=rel(state.folder), files=files)
    lines = ["", head, "  " + _("this step's tests:     {tally}").format(tally=this)]
    if state.step > 1:
        steps = ngettext("step {steps}", "steps {steps}", state.step - 1).format(
            steps=describe_steps(list(range(1, state.step))))
        if state.stopped == "this step":
            earlier = _("not run: this step's tests fail, fix them first")
        elif earlier is None and not (state.stopped or state.interrupted):
            earlier = _("not run (pytest tests --step N runs them too)")
        elif earlier is not None and not state.run_all:
            steps = _("{steps}, run once this step's tests passed").format(steps=steps)
        if earlier is not None:
            lines.append("  " + _("earlier steps' tests:  {tally}   ({steps})").format(
                tally=earlier, steps=steps))
    for reason in sorted({o["skip_reason"] for o in state.outcomes.values()
                          if is_optional_skip(o.get("skip_reason"))}):
        lines.append("  " + _("skipped: {reason}").format(
            reason=reason.removeprefix(OPTIONAL).strip()))
    not_run = state.tests - state.ran
    if state.stopped == "timeout":
        lines.append("  " + ngettext(
            "stopped at the first timeout: the other {n} test were not run (each would wait "
            "as long for the same loop)",
            "stopped at the first timeout: the other {n} tests were not run (each would wait "
            "as long for the same loop)", not_run).format(n=not_run))
    elif state.uncollected:
        lines.append("  " + _("a test file could not be imported, so no test ran (V=1 shows "
                              "the error)"))
    elif state.interrupted and not_run > 1:
        lines.append("  " + ngettext("interrupted (Ctrl-C): the other {n} test were not run",
                                     "interrupted (Ctrl-C): the other {n} tests were not run",
                                     not_run - 1).format(n=not_run - 1))
    if state.deselected and counted:
        lines.append("  " + _("({n} tests of earlier steps do not apply at this step: the book "
                              "changed that behaviour, or they test another step's exercise)")
                     .format(n=state.deselected))
    if state.failures and i18n.language() != i18n.ENGLISH:
        lines.append("  " + _("(the tests' own messages, expected … got …, are in English)"))
    if (state.failures or exitstatus != 0) and learner:  # V=1 keeps no failures of its own
        lines.append("  " + _("guide: {guide}   hints: make hint STEP={step}").format(
            guide=rel(i18n.localized(guide(state.step))), step=state.step))
    elif learner and exitstatus == 0 and not (state.stopped or state.interrupted):
        lines.append(_("Step {step} passes. Next: make diff STEP={step} shows how the "
                       "reference solved it; make next goes on to the next step.")
                     .format(step=state.step))
    return lines


def _tally(state: Kata, wanted) -> str | None:
    """`2 failed, 3 passed`: the outcomes of the tests `wanted` picks; None if there are none."""
    counts: dict[str, int] = {}
    for outcome in state.outcomes.values():
        if wanted(outcome["introduced"]):
            word = outcome["outcome"]
            if word == "failed" and outcome.get("phase", "call") != "call":
                word = "error"  # as pytest says: the test could not even start
            counts[word] = counts.get(word, 0) + 1
    if not counts:
        return None
    return ", ".join(_outcome(word, counts[word]) for word in sorted(counts))


def _outcome(word: str, n: int) -> str:
    """`3 passed`, `1 error`: a count of one outcome, in the learner's language."""
    said = {"error": ngettext("{n} error", "{n} errors", n), "failed": _("{n} failed"),
            "passed": _("{n} passed"), "skipped": _("{n} skipped")}
    return said.get(word, f"{{n}} {word}").format(n=n)
