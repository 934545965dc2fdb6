"""Where things live: step folders, their numbers, guides, and the STEP argument.

This module uses the standard library only, so the Makefile can ask it to check
`STEP=...` with the system python3 before the virtual environment exists (its messages are
then in English if that python cannot load the learner's catalog).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = ROOT / "steps"
SOLUTIONS = ROOT / "solutions"
TESTS = ROOT / "tests"
BENCHMARKS = ROOT / "benchmarks"
WORK = ROOT / ".kata"  # git-ignored: backups, caches, reports, pictures

IMPLS = ("steps", "solutions")

# Files that moved between steps: new path -> its path in the previous step.
MOVED = {
    "dezero/core_simple.py": "dezero.py",  # step 23 turns dezero.py into a package
    "dezero/core.py": "dezero/core_simple.py",  # step 32: the core, grads as Variables
}
STEP_DIR = re.compile(r"^step(\d\d)$")
TITLE_PREFIX = re.compile(r"^#\s*(?:Step\s*\d+|\d+\s*단계)\s*[—:-]\s*")
BOOK_STEPS = range(1, 62)  # the book's steps 1-60, and 61, its bonus step
# The book's stages: (first step, last step, name), as the README's table of steps has them.
STAGES = (
    (1, 10, "Stage 1: automatic differentiation"),
    (11, 24, "Stage 2: natural code"),
    (25, 36, "Stage 3: higher-order derivatives"),
    (37, 51, "Stage 4: neural networks"),
    (52, 60, "Stage 5: DeZero challenges"),
    (61, 61, "Beyond the book: gradient checkpointing"),
)


class UsageError(Exception):
    """Bad input from the person at the keyboard: one line, exit code 2."""


def _(message: str) -> str:
    """`message` in the learner's language (kata.i18n), or in English where the catalog
    cannot be loaded: the Makefile's STEP check runs on the system python3, which may be
    older or lack Babel."""
    try:
        from kata import i18n

        return i18n._(message)
    except (ImportError, OSError):
        return message


def _localized(path: Path) -> Path:
    """A document in the learner's language where it exists (kata.i18n.localized)."""
    try:
        from kata import i18n

        return i18n.localized(path)
    except ImportError:
        return path


def step_name(step: int) -> str:
    return f"step{step:02d}"


def step_numbers() -> list[int]:
    """The steps that exist: one per solutions/stepNN folder."""
    found = (STEP_DIR.match(p.name) for p in SOLUTIONS.iterdir() if p.is_dir())
    return sorted(int(m.group(1)) for m in found if m)


def step_of_path(path: Path | str) -> int | None:
    """The step a path belongs to (`tests/step09/test_x.py` -> 9), or None.

    Only the part of the path inside the repository counts: a clone kept in a folder
    called `step05` is not step 5.
    """
    path = Path(path)
    if path.is_absolute() and path.is_relative_to(ROOT):
        path = path.relative_to(ROOT)
    for part in path.parts:
        match = STEP_DIR.match(part)
        if match:
            return int(match.group(1))
    return None


def is_cumulative(name: Path) -> bool:
    """The `dezero` module carries over from step to step; a step's exercise files do not."""
    return name.parts[0] == "dezero" or name == Path("dezero.py")


def impl_dir(step: int, impl: str = "steps") -> Path:
    """The folder `dezero` is imported from: a learner's skeleton, the solution, or any path."""
    if impl in IMPLS:
        return ROOT / impl / step_name(step)
    return Path(impl).resolve()


def dezero_path(folder: Path) -> Path:
    """`dezero.py` through step 22, the package `dezero/` from step 23."""
    package = folder / "dezero"
    return package / "__init__.py" if package.is_dir() else folder / "dezero.py"


def stage(step: int) -> tuple[int, int, str]:
    """The stage a step belongs to: (first step, last step, name)."""
    return next(entry for entry in STAGES if entry[0] <= step <= entry[1])


def guide(step: int) -> Path:
    return STEPS / step_name(step) / "README.md"


def title(step: int) -> str:
    """The step's title, read from the first heading of its guide in the learner's language
    (`# Step 09: Title`; `# 9단계 — 제목` in a Korean guide, after its translation key)."""
    source = _localized(SOLUTIONS / step_name(step) / "README.md")
    if not source.exists():
        return ""
    lines = [line for line in source.read_text(encoding="utf-8").splitlines()
             if not line.startswith("<!-- translation of ")] or [""]
    first = lines[0]
    return TITLE_PREFIX.sub("", first).strip()


def rel(path: Path | str) -> str:
    """A path as a learner would type it from the repository root."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def describe_steps(steps: list[int]) -> str:
    """`[1, 2, 3, 5]` -> `1–3, 5`."""
    runs: list[list[int]] = []
    for n in steps:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def parse_step(text: str | None) -> int:
    """Turn the STEP argument into a step number, or raise UsageError with one clear line."""
    known = step_numbers()
    steps = describe_steps(known)
    text = (text or "").strip()
    if not text:
        raise UsageError(_("say which step, for example STEP={last} (steps that exist: "
                           "{steps})").format(last=known[-1], steps=steps))
    shown = text if len(text) <= 8 else text[:7] + "…"  # make says it again: keep it short
    if not text.isdigit():
        raise UsageError(_("STEP must be a step number such as STEP=17, not {shown!r}")
                         .format(shown=shown))
    step = int(text)
    if step in known:
        return step
    if step in BOOK_STEPS:  # as the README says of the steps still to come
        raise UsageError(_("step {step} is not written yet (steps that exist: {steps})")
                         .format(step=step, steps=steps))
    # Short enough for make's `Makefile:17: *** ….  Stop.` around it to fit 100 columns.
    if known == list(BOOK_STEPS):
        raise UsageError(_("there is no step {shown}: the steps are {steps} ({first}–{last} "
                           "the book's, {bonus} a bonus)").format(
            shown=shown, steps=steps, first=BOOK_STEPS[0], last=BOOK_STEPS[-2],
            bonus=BOOK_STEPS[-1]))
    raise UsageError(_("there is no step {shown}: the steps are {steps}").format(
        shown=shown, steps=steps))


def parse_impl(text: str) -> str:
    """The IMPL argument: whose code to test."""
    if text not in IMPLS:
        raise UsageError(_("IMPL must be one of {impls}, not {text!r}").format(
            impls=", ".join(IMPLS), text=text))
    return text


def _check_step_cli(argv: list[str]) -> int:
    """`python3 -m kata.layout STEP`: print the problem with STEP, if any (for the Makefile)."""
    try:
        parse_step(argv[0] if argv else "")
    except UsageError as problem:
        print(problem)
    return 0


if __name__ == "__main__":
    sys.exit(_check_step_cli(sys.argv[1:]))
