"""`make reset STEP=N` and `make solution STEP=N`: start a step over safely, or peek.

reset: after a confirmation (YES=1 skips it; with no terminal and no YES=1 it refuses), the
skeleton files the learner changed are copied into a timestamped folder under
.kata/backups/ (its path is printed), then the step's skeleton files are written again from
the solutions (kata.maintainer.generate.skeleton). Files the learner added that are not part of the
skeleton are left where they are, untouched. `RESTORE=FOLDER` (or `RESTORE=latest`) puts a
backup back, backing up what it replaces first. Besides `make generate FORCE=1`, which
backs up the same way, this is the only command that writes into steps/.

solution: prints the reference solution files (markers removed), after a confirmation when
the learner's step does not pass yet.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from kata import layout, screen
from kata.commands import backup, pager
from kata.commands.progress import NOT_STARTED, step_progress
from kata.commands.workspace import learner_changes, step_folder
from kata.i18n import _
from kata.layout import UsageError, parse_step, rel, step_name
from kata.maintainer.generate import skeleton, solution_files, views
from kata.screen import say

LATEST = "latest"
YES = {"y", "yes", "예", "네"}  # the answers that say yes (Korean too; y always works)


def confirm(question: str, yes: bool, refusal: str) -> bool:
    """Ask on the terminal; `yes` answers for the learner; no terminal -> refuse (one line)."""
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError(refusal)
    # Wrapped at words, `[y/N]` kept with the question's last word; the answer follows it.
    rows = screen.wrap(f"{question}{screen.KEEP}[y/N]", screen.columns(), indent="")
    prompt = "\n".join(rows).replace(screen.KEEP, " ") + " "
    if not sys.stdout.isatty() and sys.stderr.isatty():  # `make solution | head`: ask where
        print(prompt, end="", file=sys.stderr, flush=True)  # the learner sees it, not in the
        prompt = ""  # pipe
    try:
        answer = input(prompt)
    except EOFError:
        return False
    return answer.strip().lower() in YES


def names(paths: list[Path]) -> str:
    return ", ".join(str(p) for p in paths)


def safe_back_up(files: list[Path], label: str) -> Path | None:
    """Back the files up and check the copies; refuse (one line) if that does not work."""
    if not files:
        return None
    try:
        folder = backup.back_up(files, label)
        copies_intact = all(
            (folder / path.resolve().relative_to(backup.ROOT)).read_bytes() == path.read_bytes()
            for path in files)
    except OSError as error:
        raise UsageError(_("could not back up your files ({error}); nothing was changed")
                         .format(error=error)) from None
    if not copies_intact:
        raise UsageError(_("the backup in {folder} does not match your files; nothing was "
                           "changed").format(folder=rel(folder)))
    return folder


# -- reset -----------------------------------------------------------------------------------

def reset_step(step: int, yes: bool = False) -> int:
    folder = step_folder(step)
    changes = learner_changes(step)
    to_write = changes.changed + changes.missing
    left_alone = (_("left alone (not part of the skeleton): {names}").format(
        names=names(changes.added)) if changes.added else "")
    if not to_write:
        say(_("{folder} is already the pristine skeleton: nothing to reset").format(
            folder=rel(folder)))
        if left_alone:
            say(left_alone)
        return 0

    question = _("Put back the skeleton of step {step} ({names})? Your changed files are "
                 "backed up first.").format(step=step, names=names(to_write))
    refusal = _("reset asks first (it replaces your files, after a backup): run it in a "
                "terminal, or add YES=1")
    if not confirm(question, yes, refusal):
        say(_("reset cancelled: nothing changed"))
        return 1

    saved = safe_back_up([folder / name for name in changes.changed], f"reset-{step_name(step)}")
    if saved:
        say(_("backed up {n} file(s) to {folder}").format(n=len(changes.changed),
                                                          folder=rel(saved)))
    pristine = skeleton(step)
    for name in to_write:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(pristine[name], encoding="utf-8")
    say(_("{folder}: skeleton put back ({names})").format(folder=rel(folder),
                                                          names=names(to_write)))
    if left_alone:
        say(left_alone)
    if saved:
        say(_("to undo: make reset STEP={step} RESTORE={folder}").format(step=step,
                                                                        folder=rel(saved)))
    return 0


# -- restore ---------------------------------------------------------------------------------

def backed_up_files(folder: Path, step: int) -> list[Path]:
    """The step's files inside a backup folder, relative to the step folder."""
    inside = folder / step_folder(step).resolve().relative_to(backup.ROOT)
    if not inside.is_dir():
        return []
    return sorted(p.relative_to(inside) for p in inside.rglob("*") if p.is_file())


def find_backup(text: str, step: int) -> Path:
    """The backup folder named by RESTORE=..., or the newest one holding the step's files."""
    where = rel(backup.BACKUPS)
    if text == LATEST:  # the newest backup made by a reset, not by an earlier restore
        candidates = [p for p in backup.BACKUPS.glob("reset-*") if backed_up_files(p, step)]
        if not candidates:
            raise UsageError(_("no reset of {folder} has been backed up in {where}").format(
                folder=rel(step_folder(step)), where=where))
        return max(candidates, key=lambda p: p.name[-22:])  # the name ends with its time
    for folder in (Path(text), layout.ROOT / text, backup.BACKUPS / text):
        if folder.is_dir():
            if not backed_up_files(folder, step):
                raise UsageError(_("the backup folder {text} holds no files of {folder}")
                                 .format(text=text, folder=rel(step_folder(step))))
            return folder
    raise UsageError(_("there is no backup folder {text} (backups are in {where}; "
                       "RESTORE={latest} takes the newest)").format(text=text, where=where,
                                                                    latest=LATEST))


def restore_step(step: int, text: str, yes: bool = False) -> int:
    source = find_backup(text, step)
    inside = source / step_folder(step).resolve().relative_to(backup.ROOT)
    folder = step_folder(step)
    files = backed_up_files(source, step)
    question = _("Put back {names} of step {step} from {source}?").format(
        names=names(files), step=step, source=rel(source))
    refusal = _("restore asks first (it replaces your files, after a backup): run it in a "
                "terminal, or add YES=1")
    if not confirm(question, yes, refusal):
        say(_("restore cancelled: nothing changed"))
        return 1
    replaced = [folder / name for name in files if (folder / name).is_file()
                and (folder / name).read_bytes() != (inside / name).read_bytes()]
    saved = safe_back_up(replaced, f"restore-{step_name(step)}")
    if saved:
        say(_("backed up {n} file(s) to {folder}").format(n=len(replaced), folder=rel(saved)))
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(inside / name, folder / name)
    say(_("{folder}: put back {names} from {source}").format(
        folder=rel(folder), names=names(files), source=rel(source)))
    return 0


def add_reset_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)
    parser.add_argument("--yes", action="store_true", help="do not ask (YES=1)")
    parser.add_argument("--restore", metavar="BACKUP", nargs="?", const=LATEST,
                        help=f"put back a backup folder instead ({LATEST}: the newest)")


def run_reset(args) -> int:
    step = parse_step(args.step)
    if args.restore:
        return restore_step(step, args.restore, yes=args.yes)
    return reset_step(step, yes=args.yes)


# -- solution --------------------------------------------------------------------------------

def reference_text(step: int) -> str:
    """The step's reference code, markers removed, one file after the other."""
    folder = layout.SOLUTIONS / step_name(step)
    header = _("Reference solution of step {step} — {title} ({folder}, markers removed)").format(
        step=step, title=layout.title(step), folder=rel(folder))
    parts = ["\n".join(screen.wrap(header))]  # the code is not wrapped: ruff keeps it narrow
    for name in solution_files(step):
        if name.suffix == ".py":
            parts.append(f"==> {step_name(step)}/{name} <==\n{views(step, name).solution}")
    parts.append(_("What the step changes, as a diff: make diff STEP={step}").format(step=step))
    return "\n\n".join(part.rstrip("\n") for part in parts)


def allow_spoiler(step: int, what: str, command: str, yes: bool) -> bool:
    """Before showing the reference: fine once the step passes, else ask (or YES=1). `what`:
    the thing shown, in the learner's language."""
    if yes:  # nothing to ask: do not run the step's tests to find out
        return True
    def checking(_steps) -> None:  # the tests take a while: say what the wait is for
        say(_("checking whether step {step} passes on your code…").format(step=step),
            flush=True)

    result = step_progress(step, announce=checking)
    if result.done:
        return True
    state = (_("you have not started it") if result.status == NOT_STARTED
             else result.detail() or _("its tests fail"))
    question = _("Step {step} does not pass on your code yet ({state}). Show {what} anyway?"
                 ).format(step=step, state=state, what=what)
    refusal = _("step {step} does not pass on your code yet; to see {what} anyway, run this "
                "in a terminal, or: make {command} STEP={step} YES=1").format(
        step=step, what=what, command=command)
    if confirm(question, yes, refusal):
        return True
    say(_("not shown. Stuck? make hint STEP={step}").format(step=step))
    return False


def show_solution(step: int, yes: bool = False) -> int:
    if not allow_spoiler(step, _("the reference solution"), "solution", yes):
        return 1
    pager.show(reference_text(step))
    return 0


def add_solution_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)
    parser.add_argument("--yes", action="store_true", help="do not ask (YES=1)")


def run_solution(args) -> int:
    return show_solution(parse_step(args.step), yes=args.yes)
