"""`python -m kata COMMAND`: the commands behind the Makefile.

Each command lives in its own module, which provides `add_arguments(parser)` and
`run(args) -> exit code`. Bad input raises UsageError: one line, exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import sys

from kata.layout import UsageError
from kata.screen import say

# command -> (module, one-line help). The Makefile's help text mirrors this table.
COMMANDS = {
    "test": ("kata.commands.testrun", "run a step's tests"),
    "diff": ("kata.commands.diff", "show what a step changes in the reference solution"),
    "generate": ("kata.maintainer.generate", "regenerate steps/ from solutions/ (maintainers)"),
    "new-step": ("kata.maintainer.newstep", "start step N from step N-1 (maintainers)"),
    "verify": ("kata.maintainer.verify",
               "check every step both ways, and the repository (maintainers)"),
    "stress": ("kata.commands.stress", "run a step's tests many times in a row"),
    "bench": ("kata.measure.bench", "time and measure memory for a step (benchmarks/)"),
    "plot": ("kata.measure.plot", "draw memory over loop iterations into a PNG"),
    "progress": ("kata.commands.progress", "which steps are done, started, not started"),
    "next": ("kata.commands.progress", "test the first step that is not done"),
    "hint": ("kata.commands.hints", "show a graded hint for a step"),
    "watch": ("kata.commands.watch", "rerun a step's tests whenever its files change"),
    "reset": ("kata.commands.reset", "restore a step's skeleton, backing up your files first"),
    "solution": ("kata.commands.reset", "show a step's reference solution"),
    "run": ("kata.commands.run", "run a script (the book's, or yours) on a step's code"),
    "lang": ("kata.commands.lang", "the language the runner speaks (en, ko)"),
    "translation": ("kata.maintainer.translations",
                    "which translations lag their English (maintainers)"),
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    extra: list[str] = []  # `python -m kata test 3 -- -k exp`: what follows -- goes to pytest
    if "--" in argv:
        argv, extra = argv[:argv.index("--")], argv[argv.index("--") + 1:]
    parser = argparse.ArgumentParser(prog="python -m kata", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        if argv[:1] == [name]:  # import only the module of the command being run
            module = importlib.import_module(module_name)
            getattr(module, f"add_{name}_arguments", getattr(module, "add_arguments", None))(sub)
            sub.set_defaults(run=getattr(module, f"run_{name}", getattr(module, "run", None)))
    args = parser.parse_args(argv)
    args.extra = extra
    try:
        code = args.run(args)
        sys.stdout.flush()  # a reader that stopped early shows here, not as Python exits
        return code
    except UsageError as problem:
        say(f"kata: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return reader_stopped()


def reader_stopped() -> int:
    """`make solution STEP=17 | head`: head has read what it wanted and gone. Not an error
    (make would print one for a non-zero exit): stop quietly, and send what Python still
    flushes at exit nowhere, so no traceback follows."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # stdout is not a file (the runner's own tests capture it)
    return 0


def step_argument(parser: argparse.ArgumentParser) -> None:
    """The STEP argument every per-step command takes (checked by kata.layout.parse_step)."""
    parser.add_argument("step", nargs="?", default="", help="step number, e.g. 17")
