"""What the runner prints, fitted to the learner's screen: its width, and its height.

Every line the runner prints fits WIDTH columns, wrapped at words (`say`, `lines`, `wrap`):
never cut inside a word, a number or a path. Widths are measured in one place,
`display_width`: a Hangul character takes two columns of the terminal.

A failing run: what the learner must read goes where the screen ends, next to the prompt:
the failure to fix first, in full, then the run's summary. Above it, every other failing
test is named, one line each where there is room (its message cut at a word), and by name
alone where there is not. A line wider than the terminal wraps at a word, with an indent.
"""

from __future__ import annotations

import os
import re
import shutil
import sys

from wcwidth import wcswidth, wcwidth

from kata.i18n import _
from kata.ordering import Failure

ROWS = 40  # the screen's height when it cannot be known (output to a file or a pipe)
WIDTH = 100  # the widest line the runner prints (a narrower terminal: its own width)
INDENT = "    "  # the continuation of a wrapped line
ELLIPSIS = "…"
KEEP = "\u00a0"  # a space a line is not wrapped at (put back before printing)
AROUND = 3  # rows the run needs below the summary: pytest's last line, make's, the prompt


def height() -> int:
    """The terminal's rows (LINES wins, as for every terminal program); ROWS elsewhere."""
    if os.environ.get("LINES", "").isdigit():
        return int(os.environ["LINES"])
    if sys.stdout.isatty():
        return shutil.get_terminal_size((100, ROWS)).lines
    return ROWS


def display_width(text: str) -> int:
    """How many columns `text` takes on a terminal: the one place widths are measured.

    Hangul and CJK characters take two columns, combining marks none (wcwidth's tables);
    a character wcwidth cannot measure (a control character) counts one, as len() would.
    """
    if text.isascii():  # the English runner's text: one column each, at len()'s speed
        return len(text)
    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(1 if width < 0 else width for width in map(wcwidth, text))


def columns() -> int:
    """The width to print to: WIDTH, or a narrower terminal's (COLUMNS wins, as for `LINES`)."""
    if os.environ.get("COLUMNS", "").isdigit() and int(os.environ["COLUMNS"]) > 0:
        return min(WIDTH, int(os.environ["COLUMNS"]))
    if sys.stdout.isatty():
        return min(WIDTH, shutil.get_terminal_size((WIDTH, ROWS)).columns)
    return WIDTH


# A command the learner types is never split across rows: `make hint STEP=17 LEVEL=2`.
COMMAND = re.compile(r"\bmake [a-z][a-z-]*(?: [A-Z][A-Z_]*=[^\s,;:)]+)*")


def wrap(line: str, width: int = WIDTH, indent: str | None = None) -> list[str]:
    """`line` as rows of at most `width` columns, broken at spaces only (never inside a word,
    a number, a path or a `make` command; nor at KEEP); the rows after the first start with
    `indent` (by default the line's own indent and INDENT more). A single word wider than
    `width` keeps a row of its own."""
    if display_width(line) <= width:
        return [line]
    line = COMMAND.sub(lambda command: command.group().replace(" ", KEEP), line)
    return [row.replace(KEEP, " ") for row in _wrap(line, width, indent)]


def _wrap(line: str, width: int, indent: str | None) -> list[str]:
    lead = line[:len(line) - len(line.lstrip(" "))]
    indent = lead + INDENT if indent is None else indent
    pieces = re.split(r"( +)", line[len(lead):])  # word, spaces, word, ...
    rows: list[str] = []
    row = lead
    for at in range(0, len(pieces), 2):
        word, space = pieces[at], pieces[at - 1] if at else ""
        if not word:  # the spaces that end the line
            continue
        if row.strip() and display_width(row + space + word) > width:
            rows.append(row.rstrip(" "))
            row = indent + word
        else:
            row += (space if row.strip() else "") + word
    rows.append(row.rstrip(" "))
    return rows


def fit_all(lines: list[str], width: int) -> list[str]:
    return [row for line in lines for row in wrap(line, width)]


def lines(text: str, width: int | None = None) -> list[str]:
    """Every line of `text`, wrapped at words to `width` (by default `columns()`)."""
    width = width or columns()
    return [row for line in text.split("\n") for row in wrap(line, width)]


def say(text: str = "", file=None, width: int | None = None, flush: bool = False) -> None:
    """print(), every line fitted to the screen: how the runner speaks to the learner."""
    print("\n".join(lines(text, width)), file=file or sys.stdout, flush=flush)


def rows(lines: list[str], width: int) -> int:
    """How many terminal rows `lines` take (a word wider than the screen wraps as well)."""
    return sum(max(1, -(-display_width(line) // width)) for line in lines)


def _prefix(text: str, width: int) -> str:
    """The longest start of `text` that fits `width` columns."""
    taken = 0
    for at, character in enumerate(text):
        taken += display_width(character)
        if taken > width:
            return text[:at]
    return text


def cut(line: str, width: int) -> str:
    """`line` cut at a word to fit `width` columns, with … where it was cut."""
    if display_width(line) <= width:
        return line
    head = _prefix(line, width - display_width(ELLIPSIS))
    if line[len(head)] != " " and " " in head.strip():  # cut inside a word: drop all of it
        head = head[:head.rfind(" ")]
    return head.rstrip(" ,:;") + ELLIPSIS


def progress_rows(tests: int, width: int) -> int:
    """The rows of pytest's `-q` progress for this many tests (a character each, then `[ x%]`)."""
    return max(1, -(-tests // max(1, width - 8)))


# -- the failure list ---------------------------------------------------------------------------

def failure_list(failures: list[Failure], width: int, budget: int, header: str) -> list[str]:
    """The failures (first to fix first), laid out for `budget` rows: the first one last, in
    full; above it every other failing test, with its message while the rows allow."""
    first, others = failures[0], failures[1:]
    full = fit_all([f"{_word(first)} {first.name}", *first.text.splitlines()], width)
    if not others:
        return full
    entries = _entries(first, others)
    room = budget - rows(full, width) - 1
    with_messages = len(entries)
    while with_messages and _rows_of(entries, with_messages, width) > room:
        with_messages -= 1
    listed = [row for entry in entries[:with_messages] for row in _entry_rows(entry, width)]
    unlisted = entries[with_messages:]
    if unlisted:
        names = ", ".join(label for _word, label, _message in unlisted)
        tail = wrap((_("also failing: {names}") if listed else _("failing: {names}"))
                   .format(names=names), width)
        listed += [row.replace(KEEP, " ") for row in tail]
    return [*wrap(header, width), *listed, *full]


Entry = tuple[str, str, str]  # FAILED or ERROR, the tests' names, their message


def _word(failure: Failure) -> str:
    return "ERROR" if failure.error else "FAILED"


def _entries(first: Failure, others: list[Failure]) -> list[Entry]:
    """One entry per test function (a family's cases counted), the same message merged."""
    families: dict[str, list[Failure]] = {}
    for failure in others:
        families.setdefault(failure.family, []).append(failure)
    entries: list[Entry] = []
    for family, members in families.items():
        if len(members) == 1:
            label = members[0].name
        else:
            cases = _("{n} more cases") if family == first.family else _("{n} cases")
            cases = KEEP.join(cases.format(n=len(members)).rsplit(" ", 1))  # "cases)" starts no row
            label = f"{members[0].function} ({cases})"
        word, message = _word(members[0]), members[0].message
        if message == first.message:
            message = _("the same as below")
        if entries and entries[-1][0] == word and entries[-1][2] == message:
            label = f"{entries[-1][1]}, {label}"
            entries.pop()
        entries.append((word, label, message))
    return entries


def _entry_rows(entry: Entry, width: int) -> list[str]:
    word, label, message = entry
    names = f"{word} {label}:"
    if display_width(names) + 20 <= width:  # room for the message's start on the same row
        rows = [cut(f"{names} {message}", width)]
    else:
        rows = [*wrap(names, width), cut(f"{INDENT}{message}", width)]
    return [row.replace(KEEP, " ") for row in rows]


def _rows_of(entries: list[Entry], with_messages: int, width: int) -> int:
    shown = sum(len(_entry_rows(entry, width)) for entry in entries[:with_messages])
    rest = entries[with_messages:]
    if rest:
        names = ", ".join(label for _word, label, _message in rest)
        shown += len(wrap(_("also failing: {names}").format(names=names), width))
    return shown
