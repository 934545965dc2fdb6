"""`make run STEP=59 FILE=my_script.py`: run a script (the book's, or yours) on a step's code.

The step's folder (`steps/stepNN`, or the reference's with IMPL=solutions) comes first on the
import path, so `import dezero` and `from dezero import Variable` find that step's code,
whatever the script puts on the path after it (the book's scripts append their parent
folder). Where there is no display (no DISPLAY or WAYLAND_DISPLAY on Linux: SSH, WSL
without a GUI, containers), matplotlib draws into files (its Agg backend): `plt.savefig`
works and `plt.show()` shows nothing, instead of failing. The script runs in the current
folder, with `ARGS` (or what follows `--`) as its arguments; the exit code is its own.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import subprocess
import sys
from pathlib import Path

from kata import layout
from kata.i18n import _
from kata.layout import UsageError, impl_dir, parse_impl, parse_step, rel
from kata.screen import say

PLOT_INSTALL = ".venv/bin/python -m pip install --group plot"
# Run as `python -c`: the step's folder goes first on sys.path, before the script's own
# folder (which `python script.py` would put first), then the script runs as __main__.
BOOTSTRAP = ("import runpy, sys; sys.path.insert(0, sys.argv[1]); "
             "sys.argv = sys.argv[2:]; runpy.run_path(sys.argv[0], run_name='__main__')")


def find_script(text: str, step: int) -> Path:
    """The script named by FILE: as given (from the repository root), or in the step folder."""
    text = (text or "").strip()
    if not text:
        raise UsageError(_("say which script: make run STEP={step} FILE=my_script.py").format(
            step=step))
    for candidate in (Path(text), layout.ROOT / text, impl_dir(step) / text):
        if candidate.is_file():
            return candidate.resolve()
    raise UsageError(_("there is no file {file} (looked from here and in {folder})").format(
        file=text, folder=rel(impl_dir(step))))


def has_display(environment: dict[str, str]) -> bool:
    """Whether a window can open: on Linux only with an X or Wayland display."""
    if not sys.platform.startswith("linux"):
        return True  # macOS and Windows draw in their own windows
    return bool(environment.get("DISPLAY") or environment.get("WAYLAND_DISPLAY"))


def environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The script's environment: matplotlib on Agg where no window can open (unless
    MPLBACKEND says otherwise)."""
    env = dict(os.environ if base is None else base)
    if not has_display(env) and not env.get("MPLBACKEND"):
        env["MPLBACKEND"] = "Agg"
    return env


def command(step: int, impl: str, script: Path, arguments: list[str]) -> list[str]:
    return [sys.executable, "-c", BOOTSTRAP, str(impl_dir(step, impl)), str(script),
            *arguments]


def needs_missing_matplotlib(script: Path) -> bool:
    text = script.read_text(encoding="utf-8", errors="replace")
    return "matplotlib" in text and importlib.util.find_spec("matplotlib") is None


def add_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)
    parser.add_argument("--file", default="", help="the script to run (FILE=...)")
    parser.add_argument("--impl", default="steps", help="steps (yours, default) or solutions")
    parser.add_argument("--args", default="", help="the script's arguments (ARGS=...)")


def run(args) -> int:
    step = parse_step(args.step)
    impl = parse_impl(args.impl)
    script = find_script(args.file, step)
    if needs_missing_matplotlib(script):
        say(_("{script} uses matplotlib, which is not installed: {install}").format(
            script=rel(script), install=PLOT_INSTALL), file=sys.stderr)
        return 1
    env = environment()
    where = rel(impl_dir(step, impl))
    say(_("running {script} with {folder}'s dezero first on the path").format(
        script=rel(script), folder=where), flush=True)
    if env.get("MPLBACKEND") != os.environ.get("MPLBACKEND"):
        say(_("(no display: matplotlib draws into files, so plt.savefig saves a picture and "
              "plt.show() shows none)"), flush=True)
    arguments = shlex.split(args.args) + list(args.extra)
    try:
        return subprocess.run(command(step, impl, script, arguments), env=env,
                              check=False).returncode
    except KeyboardInterrupt:  # the script got Ctrl-C too and has said what it says
        return 130
