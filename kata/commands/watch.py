"""`make watch STEP=N`: rerun a step's tests each time a file in its folder changes.

Change events come from watchfiles. Where they may never arrive (WSL's /mnt/ drives, folders
shared into a container, network file systems) it polls instead: on WSL and in containers
by itself, anywhere with `--poll` or WATCHFILES_FORCE_POLLING=1 (`=0` turns it off).
"""

from __future__ import annotations

import os
import platform
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import watchfiles

from kata import layout
from kata.commands.testrun import run_tests
from kata.commands.workspace import learner_impl, step_folder
from kata.i18n import _
from kata.layout import UsageError, parse_step, rel
from kata.screen import say

# As `clear` does: cursor home, clear the screen and the scrollback, so each run's output
# stands alone and an earlier run's failures cannot be scrolled into.
CLEAR_SCREEN = "\033[H\033[2J\033[3J"
WAKE_MS = 200  # how often the watcher wakes up when nothing changes (to start, or to stop)
CONTAINER_MARKERS = (Path("/.dockerenv"), Path("/run/.containerenv"))


class StepFilter(watchfiles.DefaultFilter):
    """watchfiles' default filter (no caches, no editor swap files), and no folder changes.

    A poller reports a folder as modified when a file appears in it, e.g. the __pycache__
    the test run itself creates; the files' own changes are the ones that matter.
    """

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        folder_changed = change == watchfiles.Change.modified and os.path.isdir(path)
        return super().__call__(change, path) and not folder_changed


def polling_reason(folder: Path, poll: bool = False) -> str | None:
    """Why to poll instead of waiting for change events, or None to use events."""
    if poll:
        return "--poll"
    setting = os.environ.get("WATCHFILES_FORCE_POLLING", "")
    if setting:
        wanted = setting.lower() not in {"0", "false", "disable", "disabled"}
        return _("WATCHFILES_FORCE_POLLING is set") if wanted else None
    if "microsoft" in platform.uname().release.lower():
        return _("WSL drive") if str(folder.resolve()).startswith("/mnt/") else "WSL"
    if any(marker.exists() for marker in CONTAINER_MARKERS):
        return _("in a container")
    return None


def changed_names(changes: set[tuple[watchfiles.Change, str]], folder: Path) -> str:
    """`dezero.py, notes.txt`: the changed files, relative to the step folder."""
    folder = folder.resolve()
    names = set()
    for _change, changed in changes:
        path = Path(changed).resolve()
        names.add(str(path.relative_to(folder)) if path.is_relative_to(folder) else path.name)
    return ", ".join(sorted(names))


def watch_step(step: int, runner: Callable[[], int] | None = None, poll: bool = False,
               max_runs: int | None = None, stop_event: threading.Event | None = None,
               clear: bool | None = None) -> int:
    """Run the tests now and after every change; return the last run's exit code.

    `runner` (default: the step's tests), `max_runs` and `stop_event` let the runner's own
    tests drive it without a terminal.
    """
    folder = step_folder(step)
    if not folder.is_dir():
        raise UsageError(_("{folder} does not exist (make generate puts the skeletons back)")
                         .format(folder=rel(folder)))
    runner = runner or (lambda: run_tests(step, learner_impl(step)))
    if clear is None:  # a terminal that can clear (not TERM=dumb, not a pipe or a log)
        clear = sys.stdout.isatty() and os.environ.get("TERM", "") != "dumb"
    reason = polling_reason(folder, poll)
    mode = (_("polling, {reason}").format(reason=reason) if reason else
            _("file events; if saving does not rerun, try WATCHFILES_FORCE_POLLING=1"))
    waiting = _("watching {folder} ({mode}); Ctrl-C to stop").format(folder=rel(folder),
                                                                      mode=mode)

    runs, exit_code = 0, 0
    # The watcher starts before the first run (it yields an empty set when it wakes with
    # nothing to report), so a file saved while the tests run is not missed.
    for changes in watchfiles.watch(folder, watch_filter=StepFilter(),
                                    force_polling=reason is not None,
                                    rust_timeout=WAKE_MS, yield_on_timeout=True,
                                    stop_event=stop_event):
        if runs and not changes:
            continue
        print(CLEAR_SCREEN if clear else run_separator(runs), end="")
        if changes:
            say(_("changed: {files}").format(files=changed_names(changes, folder)))
        say(_("Step {step} — {title}").format(step=step, title=layout.title(step)), flush=True)
        exit_code = runner()
        runs += 1
        if max_runs is not None and runs >= max_runs:
            break
        say(f"\n{waiting}", flush=True)
    return exit_code


def run_separator(runs: int) -> str:
    """Between runs where the screen cannot be cleared (not a terminal): a rule and the time."""
    if not runs:
        return ""
    rule = "-" * 30
    run = _("run {number}, {time}").format(number=runs + 1, time=time.strftime("%H:%M:%S"))
    return f"\n{rule} {run} {rule}\n"


def add_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)
    parser.add_argument("--poll", action="store_true",
                        help="poll for changes (when saving a file does not rerun the tests)")
    parser.add_argument("--max-runs", type=int, default=None, help="stop after this many runs")


def run(args) -> int:
    step = parse_step(args.step)
    if args.max_runs is not None and args.max_runs < 1:
        raise UsageError(_("--max-runs must be 1 or more, not {runs}").format(runs=args.max_runs))
    try:
        return watch_step(step, poll=args.poll, max_runs=args.max_runs)
    except KeyboardInterrupt:
        say("\n" + _("stopped watching"))
        return 0
