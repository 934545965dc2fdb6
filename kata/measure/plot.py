"""`make plot STEP=N`: memory drawn into a PNG, for the lessons that have a picture.

A memory lesson (kata/measure/lessons/stepNN.py) has a picture when it defines
`picture(plt) -> str`: it measures its lines (`measured`), draws them (`draw_lines`) and
returns the line to print. Nothing else lists them: `make plot STEP=N` finds step N's lesson.

Memory is measured with tracemalloc (untimed). Your code is drawn even when its tests fail:
this is where you see whether it still leaks; code that raises is left out in one line.

matplotlib is optional: without it the command says how to install it, in one line, and
exits with code 1 (2 is kept for bad input such as STEP=16).

The pictures' own text (titles, axes, legends) stays English in every language: matplotlib's
default font has no Hangul (a Korean title would be drawn as boxes), and a learner's machine
may have no font that does. The command says so, in one line, where the runner speaks
another language.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys

import numpy as np

from kata import i18n
from kata.i18n import _
from kata.layout import UsageError, parse_step, rel
from kata.measure import bench, lessons
from kata.measure.memory import MB, load
from kata.screen import say

# `python -m pip`: the pip of this very environment (.venv/bin/pip of a copied environment
# would install into the one it was copied from).
INSTALL = ".venv/bin/python -m pip install --group plot"
LESSON = re.compile(r"^step(\d+)$")


def missing() -> str:
    """The one line said when matplotlib is not installed."""
    return _("make plot needs matplotlib: {install}").format(install=INSTALL)


def measured(lines, curve) -> dict[str, np.ndarray]:
    """curve(dezero, setting) for every (impl, setting, legend) that can be measured; a
    learner's file that is missing or fails is left out in one line."""
    drawn = {}
    for impl, setting, legend in lines:
        if not impl.path.exists():
            say(_("{legend} is left out: there is no {path}").format(legend=legend,
                                                                     path=rel(impl.path)))
            continue
        try:
            drawn[legend] = curve(load(impl), setting)
        except Exception as error:
            if impl.solution:
                raise
            say(_("{legend} is left out: {path} fails the loop ({error})").format(
                legend=legend, path=rel(impl.path), error=f"{type(error).__name__}: {error}"))
    return drawn


def pyplot():
    """matplotlib's pyplot drawing into files (the Agg backend), or None when not installed."""
    try:
        import matplotlib
    except ImportError:
        return None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


YOURS_DASHED = (0, (4, 4))  # the learner's line, dashed so that a solution's under it shows


def save(plt, figure, axes, path) -> None:
    """The finishing touches every picture shares, then the PNG at `path`."""
    axes.grid(alpha=0.3)
    axes.legend()
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)


def after_each(iteration: str) -> tuple[str, str]:
    """The axes' labels of memory over iterations: `graph` -> graphs, memory after each graph."""
    return f"{iteration}s", f"memory in use after each {iteration}, MB (tracemalloc)"


def draw_lines(plt, lines: dict[str, np.ndarray], path, title: str, labels: tuple[str, str],
               x=None, marker: str | None = None, windows: int = 0) -> None:
    """One line per legend, in MB, against `x` (by default 1, 2, ...: one point an iteration),
    the learner's dashed; grey lines every `windows` iterations; labels: the x and y axes'."""
    figure, axes = plt.subplots(figsize=(9, 5))
    for legend, sizes in lines.items():
        axes.plot(np.arange(1, len(sizes) + 1) if x is None else x, sizes / MB, label=legend,
                  linewidth=2, marker=marker,
                  linestyle=YOURS_DASHED if legend.startswith("your") else "-")
    if windows:
        for window_end in range(windows, len(next(iter(lines.values()))) + 1, windows):
            axes.axvline(window_end, color="grey", alpha=0.15)
    axes.set_title(title, fontsize=10)
    axes.set_xlabel(labels[0])
    axes.set_ylabel(labels[1])
    save(plt, figure, axes, path)


# -- the command ------------------------------------------------------------------------------

def pictures() -> dict:
    """step -> its lesson's picture(plt), for every lesson in kata/measure/lessons with one."""
    found = {}
    for module in pkgutil.iter_modules(lessons.__path__):
        match = LESSON.match(module.name)
        if match:
            lesson = importlib.import_module(f"{lessons.__name__}.{module.name}")
            if hasattr(lesson, "picture"):
                found[int(match.group(1))] = lesson.picture
    return dict(sorted(found.items()))


def add_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)


def run(args) -> int:
    step = parse_step(args.step)
    drawn = pictures()
    if step not in drawn:
        steps = bench.listed([f"STEP={n}" for n in drawn])
        raise UsageError(_("make plot draws the memory of {steps}, not of step {step}").format(
            steps=steps, step=step))
    plt = pyplot()
    if plt is None:
        say(missing(), file=sys.stderr)
        return 1
    say(drawn[step](plt))
    if i18n.language() != i18n.ENGLISH:
        say(_("(the picture's title, axes and legend stay in English: matplotlib's fonts may "
              "lack this language's letters)"))
    return 0
