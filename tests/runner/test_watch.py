"""`make watch STEP=N`: a change in the step folder reruns its tests (events or polling)."""

from __future__ import annotations

import os
import re
import threading

import pytest

import kata.layout
from kata.cli import main
from kata.commands import watch

GIVE_UP_S = 120  # a bounded wait: if no change is seen by then, the watcher is stopped


def one_message(err: str) -> bool:
    """One message, no traceback: a long one wraps at words, its rows after the first indented."""
    return len([line for line in err.strip().splitlines() if not line.startswith(" ")]) == 1


def flat(text: str) -> str:
    """The text with its wrapping undone."""
    return " ".join(text.split())



@pytest.fixture
def stop_event():
    event = threading.Event()
    timer = threading.Timer(GIVE_UP_S, event.set)
    timer.start()
    yield event
    timer.cancel()


@pytest.mark.parametrize("poll", [False, True], ids=["events", "polling"])
def test_saving_a_file_reruns_the_tests(kata_copy, stop_event, capsys, poll, monkeypatch):
    monkeypatch.delenv("WATCHFILES_FORCE_POLLING", raising=False)
    monkeypatch.setattr(watch, "CONTAINER_MARKERS", ())  # decide by `poll` alone
    # The poller compares modification times in whole seconds: date the file back, so the
    # save below is seen even when it happens within the second the copy was made.
    earlier = kata_copy.file(1).stat().st_mtime - 10
    os.utime(kata_copy.file(1), (earlier, earlier))
    runs = []

    def runner() -> int:
        runs.append(kata_copy.file(1).read_text(encoding="utf-8"))
        if len(runs) == 1:  # the learner saves while the first run is going on
            kata_copy.edit(1, "\n# saved\n")
        return 0 if len(runs) == 2 else 1

    exit_code = watch.watch_step(1, runner=runner, poll=poll, max_runs=2,
                                 stop_event=stop_event, clear=False)
    assert not stop_event.is_set(), f"no rerun within {GIVE_UP_S} s of saving"
    assert len(runs) == 2 and runs[1].endswith("# saved\n")
    assert exit_code == 0
    out = capsys.readouterr().out
    assert "changed: dezero.py" in out
    assert ("polling, --poll" in flat(out)) == poll


def test_caches_written_by_the_test_run_are_not_changes(kata_copy, stop_event, capsys):
    earlier = kata_copy.file(1).stat().st_mtime - 10
    for path in (kata_copy.file(1), kata_copy.file(1).parent):  # the folder changes too
        os.utime(path, (earlier, earlier))

    def runner() -> int:
        cache = kata_copy.steps / "step01" / "__pycache__"
        cache.mkdir(exist_ok=True)
        (cache / "dezero.cpython-311.pyc").write_bytes(b"written by the test run")
        kata_copy.edit(1)
        return 1

    watch.watch_step(1, runner=runner, poll=True, max_runs=2, stop_event=stop_event,
                     clear=False)
    changed = [line for line in capsys.readouterr().out.splitlines() if "changed" in line]
    assert changed == ["changed: dezero.py"]


def saving_runner(kata_copy, outputs: list[str], capsys):
    """A runner that saves dezero.py during the first run (so a second run follows), and
    records what was printed before each run."""
    earlier = kata_copy.file(1).stat().st_mtime - 10
    os.utime(kata_copy.file(1), (earlier, earlier))

    def runner() -> int:
        outputs.append(capsys.readouterr().out)
        if len(outputs) == 1:
            kata_copy.edit(1, "\n# saved\n")
        print("test output")
        return 0

    return runner


def test_the_screen_is_cleared_before_each_run_on_a_terminal(kata_copy, stop_event, capsys):
    outputs: list[str] = []  # what was printed before each run, since the one before
    watch.watch_step(1, runner=saving_runner(kata_copy, outputs, capsys), poll=True,
                     max_runs=2, stop_event=stop_event, clear=True)
    assert len(outputs) == 2, f"no rerun within {GIVE_UP_S} s of saving"
    assert outputs[0].startswith(watch.CLEAR_SCREEN)
    before, cleared, header = outputs[1].rpartition(watch.CLEAR_SCREEN)
    assert "test output" in before and cleared
    assert header.splitlines() == ["changed: dezero.py", f"Step 1 — {kata.layout.title(1)}"]


def test_without_a_terminal_runs_are_told_apart_by_a_rule(kata_copy, stop_event, capsys):
    outputs: list[str] = []
    watch.watch_step(1, runner=saving_runner(kata_copy, outputs, capsys), poll=True,
                     max_runs=2, stop_event=stop_event, clear=False)
    assert len(outputs) == 2 and watch.CLEAR_SCREEN not in "".join(outputs)
    assert re.search(r"^-+ run 2, \d\d:\d\d:\d\d -+$", outputs[1], re.MULTILINE)


@pytest.mark.parametrize("term, clears", [("xterm-256color", True), ("dumb", False)])
def test_a_terminal_is_cleared_unless_it_cannot_be(kata_copy, stop_event, capsys, monkeypatch,
                                                   term, clears):
    monkeypatch.setenv("TERM", term)
    monkeypatch.setattr(watch.sys.stdout, "isatty", lambda: True)
    watch.watch_step(1, runner=lambda: 0, max_runs=1, stop_event=stop_event)
    assert capsys.readouterr().out.startswith(watch.CLEAR_SCREEN) == clears


@pytest.mark.parametrize("setting, expected", [("1", "WATCHFILES_FORCE_POLLING is set"),
                                               ("false", None)])
def test_the_environment_variable_turns_polling_on_and_off(kata_copy, monkeypatch, setting,
                                                           expected):
    monkeypatch.setenv("WATCHFILES_FORCE_POLLING", setting)
    monkeypatch.setattr(watch, "CONTAINER_MARKERS", ())
    assert watch.polling_reason(kata_copy.steps) == expected
    assert watch.polling_reason(kata_copy.steps, poll=True) == "--poll"


def test_containers_poll(kata_copy, monkeypatch, tmp_path):
    monkeypatch.delenv("WATCHFILES_FORCE_POLLING", raising=False)
    (tmp_path / ".dockerenv").write_text("", encoding="utf-8")
    monkeypatch.setattr(watch, "CONTAINER_MARKERS", (tmp_path / ".dockerenv",))
    monkeypatch.setattr(watch.platform, "uname", lambda: type("U", (), {"release": "6.1"}))
    assert watch.polling_reason(kata_copy.steps) == "in a container"


@pytest.mark.parametrize("argv, says", [
    (["watch", "99"], "there is no step 99"),
    (["watch", "1", "--max-runs", "0"], "--max-runs must be 1 or more"),
])
def test_bad_input_gets_one_line_and_exit_code_2(kata_copy, capsys, argv, says):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert one_message(err) and says in flat(err)


def test_a_missing_step_folder_gets_one_line(kata_copy, capsys):
    for path in sorted((kata_copy.steps / "step02").iterdir()):
        path.unlink()
    (kata_copy.steps / "step02").rmdir()
    assert main(["watch", "2", "--max-runs", "1"]) == 2
    err = capsys.readouterr().err
    assert one_message(err) and "does not exist" in flat(err)


def test_the_command_runs_the_step_tests(kata_copy, capfd):
    assert main(["watch", "1", "--max-runs", "1"]) == 1  # the skeleton fails its tests
    out = capfd.readouterr().out
    assert "Step 1 — " in out and "not written yet" in out
