"""Generate the learner's skeletons (steps/) from the marked solutions (solutions/).

The generator never overwrites a learner's work: every file it replaces is copied into a
backup folder first, and a file that differs from git's committed copy (work that exists
nowhere else) is replaced only with `--force`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from kata.backup import back_up
from kata.layout import ROOT, SOLUTIONS, STEPS, UsageError, rel, step_name, step_numbers
from kata.markers import Views, render

SKIPPED = {"__pycache__", ".pytest_cache"}


def files_in(folder: Path) -> list[Path]:
    """The files of a step folder, relative to it: no caches, no hidden files."""
    if not folder.is_dir():
        return []
    found = (p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    return sorted(p for p in found if not SKIPPED & set(p.parts) and p.suffix != ".pyc"
                  and not any(part.startswith(".") for part in p.parts))


def solution_files(step: int) -> list[Path]:
    """Every file of a step's solution, as paths relative to its folder."""
    return files_in(SOLUTIONS / step_name(step))


def views(step: int, name: Path) -> Views:
    """The three views of one solution file (a file without markers looks the same in all)."""
    path = SOLUTIONS / step_name(step) / name
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return Views(text, text, text)
    return render(text, step, where=rel(path))


def skeleton(step: int) -> dict[Path, str]:
    """What steps/stepNN should contain: file name -> text."""
    return {name: views(step, name).skeleton for name in solution_files(step)}


def write_skeletons(root: Path, steps: list[int]) -> None:
    """Write the skeletons of `steps` under `root` (a scratch folder), unconditionally."""
    for step in steps:
        for name, text in skeleton(step).items():
            target = root / step_name(step) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def committed_text(path: Path) -> str | None:
    """The file as git's HEAD has it, or None (not committed, or no git)."""
    try:
        result = subprocess.run(["git", "show", f"HEAD:./{Path(rel(path)).as_posix()}"], cwd=ROOT,
                                capture_output=True, text=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def generate(steps: list[int] | None = None, force: bool = False) -> list[Path]:
    """Bring steps/ up to date with the solutions. Returns the files written."""
    steps = steps or step_numbers()
    plan: list[tuple[Path, str]] = []
    replaced: list[Path] = []  # existing files whose text changes: always backed up
    precious: list[Path] = []  # ... and, of those, the ones git does not have either
    for step in steps:
        for name, text in skeleton(step).items():
            target = STEPS / step_name(step) / name
            current = target.read_text(encoding="utf-8") if target.exists() else None
            if current == text:
                continue
            if current is not None:
                replaced.append(target)
                if current != committed_text(target):
                    precious.append(target)
            plan.append((target, text))

    if precious and not force:
        listing = ", ".join(rel(p) for p in precious[:5]) + (" …" if len(precious) > 5 else "")
        raise UsageError(f"refusing to overwrite files you changed ({listing}); "
                         f"run with --force to back them up and regenerate")
    if replaced:
        folder = back_up(replaced, "generate")
        print(f"backed up {len(replaced)} file(s) it replaces to {rel(folder)}")
    for target, text in plan:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return [target for target, _ in plan]


def add_arguments(parser) -> None:
    parser.add_argument("steps", nargs="*", help="step numbers (default: all)")
    parser.add_argument("--force", action="store_true",
                        help="also replace files you changed (they are backed up first)")


def run(args) -> int:
    from kata.layout import parse_step

    steps = [parse_step(text) for text in args.steps] or None
    written = generate(steps, force=args.force)
    print(f"generated steps/: {len(written)} file(s) written" if written
          else "steps/ is up to date with solutions/")
    return 0
