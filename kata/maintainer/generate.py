"""Generate the learner's skeletons (steps/) from the marked solutions (solutions/).

The generator never overwrites a learner's work: every file it replaces is copied into a
backup folder first, and a file that differs from git's committed copy (work that exists
nowhere else) is replaced only with `make generate FORCE=1` (`--force`).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from kata import layout
from kata.commands.backup import back_up
from kata.layout import SOLUTIONS, STEPS, UsageError, rel, step_name, step_numbers
from kata.maintainer.markers import Views, render

SKIPPED = {"__pycache__", ".pytest_cache"}


def files_in(folder: Path) -> list[Path]:
    """The files of a step folder, relative to it: no caches, no hidden files."""
    if not folder.is_dir():
        return []
    return files_in_names(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def files_in_names(names) -> list[Path]:
    """Of relative file names, those a step folder's listing keeps (no caches, no hidden)."""
    return sorted(p for p in names if not SKIPPED & set(p.parts) and p.suffix != ".pyc"
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


def git(*args: str, stdin: bytes | None = None) -> bytes | None:
    """A git command's output in the repository, or None (no git, not a clone, no commit)."""
    try:
        result = subprocess.run(["git", *args], cwd=layout.ROOT, input=stdin,
                                capture_output=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def committed_text(path: Path) -> str | None:
    """The file as git's HEAD has it, or None (not committed, or no git)."""
    data = git("show", f"HEAD:./{Path(rel(path)).as_posix()}")
    return None if data is None else as_text(data)


def as_text(data: bytes) -> str:
    """Bytes from git as read_text() would read the file (universal newlines)."""
    return data.decode("utf-8", errors="replace").replace("\r\n", "\n")


def committed_entries(folder: Path) -> set[str] | None:
    """The names git's HEAD has directly in a folder (files and folders), or None (no git)."""
    where = Path(rel(folder)).as_posix().rstrip("/") + "/"
    listing = git("ls-tree", "--name-only", "-z", "HEAD", "--", where)
    if listing is None:
        return None
    return {Path(path.decode("utf-8")).name for path in filter(None, listing.split(b"\0"))}


def committed_files(folder: Path) -> dict[Path, str] | None:
    """The files git's HEAD has in a folder (relative to it, as files_in lists them) with their
    text, or None where git cannot say (no git, not a clone, no commit yet).

    This is what a fresh clone gets, whatever a learner has since done to the working copy.
    """
    where = Path(rel(folder)).as_posix().rstrip("/") + "/"
    listing = git("ls-tree", "-r", "-z", "HEAD", "--", where)
    if listing is None:
        return None
    found: dict[Path, str] = {}  # name -> blob id
    for entry in filter(None, listing.split(b"\0")):
        meta, _, path = entry.partition(b"\t")
        kind, sha = meta.split()[1:3]
        if kind == b"blob":
            found[Path(path.decode("utf-8")).relative_to(where)] = sha.decode()
    blobs = {name: found[name] for name in files_in_names(found)}
    if not blobs:
        return {}
    contents = git("cat-file", "--batch", stdin="".join(f"{sha}\n" for sha in blobs.values())
                   .encode())
    if contents is None:
        return None
    texts: dict[Path, str] = {}
    start = 0
    for name in blobs:  # each: "<sha> blob <size>\n<bytes>\n", in the order asked
        end = contents.index(b"\n", start)
        size = int(contents[start:end].split()[2])
        texts[name] = as_text(contents[end + 1:end + 1 + size])
        start = end + 1 + size + 1
    return texts


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
                         "run `make generate FORCE=1` to back them up and regenerate")
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
