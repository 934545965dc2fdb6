"""Long text for a person at a terminal: through a pager when it does not fit, as git does.

On a terminal, text longer than the screen goes to the learner's `$PAGER`, or `less -FRX`
(-F: quit at once if it fits after all, -R: keep colours, -X: leave the text on the screen
when it quits). `PAGER=cat` (or an empty PAGER) turns paging off. Anywhere else (a pipe, a
file, CI) the text is written as it is. A reader that stops early (`| head`) is handled once,
for every command, in kata.cli.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys

from kata import screen

DEFAULT_PAGER = "less -FRX"
NO_PAGER = {"", "cat"}


def pager_command() -> str | None:
    """The pager to use, or None: `$PAGER` if set (`cat` or empty: none), else less -FRX."""
    command = os.environ.get("PAGER", DEFAULT_PAGER).strip()
    if command in NO_PAGER:
        return None
    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):
        return None
    return command if shutil.which(program) else None  # no less installed: print instead


def screen_rows(text: str) -> int:
    """How many terminal rows the text takes, long lines wrapping."""
    columns = max(shutil.get_terminal_size().columns, 1)
    return sum(max(1, -(-screen.display_width(line) // columns)) for line in text.splitlines())


def fits(text: str) -> bool:
    """Whether the text fits the screen, with a row left for the shell's prompt."""
    return screen_rows(text) < shutil.get_terminal_size().lines


def show(text: str, stream=None) -> None:
    """Write text for a person: paged on a terminal when longer than the screen."""
    stream = stream or sys.stdout
    text = text if text.endswith("\n") else text + "\n"
    command = pager_command() if stream.isatty() and not fits(text) else None
    if command and run_pager(command, text, stream):
        return
    stream.write(text)
    stream.flush()


def run_pager(command: str, text: str, stream) -> bool:
    """Send the text to the pager; False if it could not start (then the caller prints)."""
    stream.flush()
    environment = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}  # git does the same
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, text=True,
                                   env=environment)
    except OSError:
        return False
    try:
        process.communicate(text)  # quitting the pager early is fine: communicate allows it
    except KeyboardInterrupt:  # Ctrl-C is the pager's to handle; wait until it is gone
        process.wait()
    return process.returncode != 127  # 127: the shell found no such program
