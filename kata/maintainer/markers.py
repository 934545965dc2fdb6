"""Solution markers: one solution file, three views of it.

A solution file is ordinary, runnable Python with marker comments (in the spirit of
nbgrader's BEGIN/END SOLUTION). From it we derive:

* the solution view: the markers removed;
* the skeleton view: what the learner gets;
* the previous view: the same file as it stood one step earlier.

Markers (each on a line of its own, indented like the code around it):

    # BEGIN NEW                 code this step adds and the skeleton keeps as it is
    # END NEW                   (signatures, docstrings); the previous view drops it.

    # BEGIN SOLUTION[: note]    code the learner writes. In the skeleton it becomes
    # END SOLUTION              `raise NotImplementedError(...)` naming the step and
                                the function, or, when the region has a SKELETON part,
    # BEGIN SKELETON            that part, uncommented, under `# TODO(step NN): note`.
    # old code, commented out   The SKELETON part is the code the step replaces; the
                                previous view keeps it too.

A SOLUTION region may sit inside a NEW region; nothing else nests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER = re.compile(r"^(?P<indent>\s*)# (?P<word>BEGIN NEW|END NEW|BEGIN SOLUTION|BEGIN SKELETON"
                    r"|END SOLUTION)(?::\s*(?P<note>.*\S))?\s*$")
DEFINITION = re.compile(r"^(?P<indent>\s*)(?:async\s+)?(?P<kind>def|class)\s+(?P<name>\w+)")


class MarkerError(ValueError):
    """A solution file whose markers do not pair up."""


@dataclass(frozen=True)
class Views:
    solution: str
    skeleton: str
    previous: str


def render(text: str, step: int, where: str = "<solution>") -> Views:
    """Split a marked solution file into its three views."""
    solution: list[str] = []
    skeleton: list[str] = []
    previous: list[str] = []
    scopes: list[tuple[int, str]] = []  # enclosing (indent, name) of defs and classes
    in_new = False
    region: _Region | None = None

    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        marker = MARKER.match(line.rstrip("\n"))
        if marker is None:
            if region is not None:
                region.add(line, number)
                if not region.in_skeleton:  # a def inside a region names later stubs too
                    _track_scope(scopes, line)
            else:
                _track_scope(scopes, line)
                solution.append(line)
                skeleton.append(line)
                if not in_new:
                    previous.append(line)
            continue

        word, indent, note = marker["word"], marker["indent"], marker["note"] or ""
        problem = _out_of_order(word, in_new, region)
        if problem:
            raise MarkerError(f"{where}:{number}: {problem}")
        if word == "BEGIN NEW":
            in_new = True
        elif word == "END NEW":
            in_new = False
        elif word == "BEGIN SOLUTION":
            region = _Region(indent, note, _qualname(scopes, indent))
        elif word == "BEGIN SKELETON":
            region.in_skeleton = True
        else:  # END SOLUTION
            solution.extend(region.solution)
            skeleton.extend(region.skeleton_lines(step, where))
            if not in_new:
                previous.extend(region.previous_lines(where))
            region = None

    if region is not None or in_new:
        raise MarkerError(f"{where}: a BEGIN marker has no matching END")
    return Views("".join(solution), "".join(skeleton), "".join(previous))


class _Region:
    """One BEGIN SOLUTION ... END SOLUTION region."""

    def __init__(self, indent: str, note: str, qualname: str):
        self.indent, self.note, self.qualname = indent, note, qualname
        self.solution: list[str] = []
        self.commented: list[tuple[int, str]] = []
        self.in_skeleton = False

    def add(self, line: str, number: int) -> None:
        if self.in_skeleton:
            self.commented.append((number, line))
        else:
            self.solution.append(line)

    def previous_lines(self, where: str) -> list[str]:
        return [self._uncomment(number, line, where) for number, line in self.commented]

    def skeleton_lines(self, step: int, where: str) -> list[str]:
        if not self.in_skeleton:
            return [f"{self.indent}raise NotImplementedError({self._stub_message(step)!r})\n"]
        todo = f"{self.indent}# TODO(step {step:02d}): {self.note or 'change this part'}\n"
        old = self.previous_lines(where)
        after = _docstring_end(old)  # a TODO goes below a docstring, which must come first
        return [*old[:after], todo, *old[after:]]

    def _stub_message(self, step: int) -> str:
        what = f"write {self.qualname}()" if self.qualname else "write this part"
        if self.note:
            what += f": {self.note}"
        return f"TODO(step {step:02d}): {what}"

    def _uncomment(self, number: int, line: str, where: str) -> str:
        body = line.strip()
        if body == "#":
            return "\n"
        if not line.startswith(self.indent + "# "):
            raise MarkerError(f"{where}:{number}: lines in a SKELETON part must be commented "
                              f"out with '# ' at the marker's indentation")
        return self.indent + line[len(self.indent) + 2:]


def _docstring_end(lines: list[str]) -> int:
    """How many of `lines` a leading docstring takes (0 if they do not start with one)."""
    first = lines[0].strip() if lines else ""
    quote = first[:3]
    if quote not in ('"""', "'''"):
        return 0
    if first.count(quote) >= 2:
        return 1
    ends = (number for number, line in enumerate(lines[1:], start=2) if quote in line)
    return next(ends, 0)


def _out_of_order(word: str, in_new: bool, region: _Region | None) -> str:
    if word == "BEGIN NEW" and (in_new or region):
        return "BEGIN NEW inside another region"
    if word == "END NEW" and (not in_new or region):
        return "END NEW without BEGIN NEW (or inside a SOLUTION region)"
    if word == "BEGIN SOLUTION" and region:
        return "BEGIN SOLUTION inside another SOLUTION region"
    if word == "BEGIN SKELETON" and (not region or region.in_skeleton):
        return "BEGIN SKELETON outside a SOLUTION region"
    if word == "END SOLUTION" and not region:
        return "END SOLUTION without BEGIN SOLUTION"
    return ""


def _track_scope(scopes: list[tuple[int, str]], line: str) -> None:
    """Keep the stack of enclosing `def`/`class` names, to name stubs after them."""
    if not line.strip() or line.lstrip().startswith("#"):
        return
    depth = len(line) - len(line.lstrip())
    while scopes and scopes[-1][0] >= depth:
        scopes.pop()
    definition = DEFINITION.match(line)
    if definition:
        scopes.append((depth, definition["name"]))


def _qualname(scopes: list[tuple[int, str]], indent: str) -> str:
    return ".".join(name for depth, name in scopes if depth < len(indent))
