"""`make plot STEP=N`: memory drawn into a PNG, for the steps whose lesson is memory.

- STEP=17: memory over the book's loop, graph after graph. One line each for step 16's
  solution with the cyclic GC on and off, step 17's solution, and your steps/step17 code.
  It runs with the GC off, as the leak tests do, so a leak shows as a rising line.
- STEP=59: memory over the time steps of an RNN's training, with and without
  loss.unchain_backward() after each window (the solution both ways, and your code).
- STEP=61: the peak memory of one training step against the depth N of an MLP, on the
  plain graph and with a checkpoint every ceil(sqrt(N)) blocks (the solution both ways,
  and your code with checkpoints).

Memory is measured with tracemalloc (untimed; kata.measure.memory holds the workloads). Your code is
drawn even when its tests fail: this is where you see whether it still leaks; code that
raises is left out in one line.

matplotlib is optional: without it the command says how to install it, in one line, and
exits with code 1 (2 is kept for bad input such as STEP=16).
"""

from __future__ import annotations

import sys
import tracemalloc

import numpy as np

from kata.layout import WORK, UsageError, parse_step, rel
from kata.measure.memory import (
    DEEP_BATCH,
    DEEP_DEPTHS,
    MB,
    RNN_BPTT,
    RNN_LENGTHS,
    Impl,
    book_graph,
    book_loop,
    checkpoint_every,
    cyclic_gc,
    load,
    measure_deep,
    rnn_memory_curve,
    traced,
)
from kata.screen import say

PLOT_GRAPHS = 200
OUTPUT = WORK / "plots" / "step17-memory.png"
# `python -m pip`: the pip of this very environment (.venv/bin/pip of a copied environment
# would install into the one it was copied from).
MISSING = "make plot needs matplotlib: .venv/bin/python -m pip install --group plot"

# (implementation, cyclic GC on?, legend)
LINES = [
    (Impl(16, "solutions"), True, "step 16 solution, GC on"),
    (Impl(16, "solutions"), False, "step 16 solution, GC off"),
    (Impl(17, "solutions"), False, "step 17 solution, GC off"),
    (Impl(17, "steps"), False, "your step 17 code, GC off"),
]


def memory_curve(dezero, graphs: int, gc_enabled: bool) -> np.ndarray:
    """Bytes in use (tracemalloc) after each graph of the book's loop."""
    book_loop(dezero, 1)  # warm-up: np.random's lazy set-up is not the loop's memory
    sizes = np.zeros(graphs, dtype=np.int64)  # made before tracing, so it is not measured
    with cyclic_gc(gc_enabled), traced():
        for i in range(graphs):
            _y = book_graph(dezero)  # the previous graph lives until here, as in the book
            sizes[i] = tracemalloc.get_traced_memory()[0]
    return sizes


def measured(lines, curve) -> dict[str, np.ndarray]:
    """curve(dezero, setting) for every (impl, setting, legend) that can be measured; a
    learner's file that is missing or fails is left out in one line."""
    drawn = {}
    for impl, setting, legend in lines:
        if not impl.path.exists():
            say(f"{legend} is left out: there is no {rel(impl.path)}")
            continue
        try:
            drawn[legend] = curve(load(impl), setting)
        except Exception as error:
            if impl.solution:
                raise
            say(f"{legend} is left out: {rel(impl.path)} fails the loop "
                f"({type(error).__name__}: {error})")
    return drawn


def curves(graphs: int = PLOT_GRAPHS) -> dict[str, np.ndarray]:
    """Step 17's lines: the book's loop, GC on or off."""
    return measured(LINES, lambda dezero, gc_enabled: memory_curve(dezero, graphs, gc_enabled))


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


def draw_lines(plt, lines: dict[str, np.ndarray], path, title: str, iteration: str,
               windows: int = 0) -> None:
    """One line per legend, MB after each iteration; grey lines every `windows` of them."""
    figure, axes = plt.subplots(figsize=(9, 5))
    for legend, sizes in lines.items():
        axes.plot(np.arange(1, len(sizes) + 1), sizes / MB, label=legend, linewidth=2,
                  linestyle=YOURS_DASHED if legend.startswith("your") else "-")
    if windows:
        for window_end in range(windows, len(next(iter(lines.values()))) + 1, windows):
            axes.axvline(window_end, color="grey", alpha=0.15)
    axes.set_title(title, fontsize=10)
    axes.set_xlabel(f"{iteration}s")
    axes.set_ylabel(f"memory in use after each {iteration}, MB (tracemalloc)")
    save(plt, figure, axes, path)


def draw(plt, lines: dict[str, np.ndarray], path) -> None:
    draw_lines(plt, lines, path, "Step 17: memory in the book's loop, "
               "y = square(square(square(x))), x = randn(10000)", "graph")


# -- step 59: an RNN's training, with and without unchain_backward ---------------------------

OUTPUT_59 = WORK / "plots" / "step59-memory.png"
RNN_PLOT_STEPS = max(RNN_LENGTHS)

# (implementation, unchain_backward after each window?, legend)
RNN_LINES = [
    (Impl(59, "solutions"), False, "step 59 solution, never unchained"),
    (Impl(59, "solutions"), True, "step 59 solution, loss.unchain_backward() each window"),
    (Impl(59, "steps"), True, "your step 59 code, loss.unchain_backward() each window"),
]


def rnn_curves(steps: int = RNN_PLOT_STEPS) -> dict[str, np.ndarray]:
    return measured(RNN_LINES, lambda dezero, unchain: rnn_memory_curve(dezero, steps, unchain))


def draw_rnn(plt, lines: dict[str, np.ndarray], path) -> None:
    draw_lines(plt, lines, path, f"Step 59: memory while training an RNN, bptt_length="
               f"{RNN_BPTT} (grey lines: each backward)", "time step",
               windows=RNN_BPTT)


# -- step 61: peak memory against depth, with and without checkpoints ----------------------

OUTPUT_61 = WORK / "plots" / "step61-memory.png"

# (implementation, checkpointed?, legend)
DEEP_LINES = [
    (Impl(61, "solutions"), False, "step 61 solution, the plain graph"),
    (Impl(61, "solutions"), True, "step 61 solution, a checkpoint every ceil(sqrt(N)) blocks"),
    (Impl(61, "steps"), True, "your step 61 code, a checkpoint every ceil(sqrt(N)) blocks"),
]


def deep_peaks(dezero, checkpointed: bool, depths=DEEP_DEPTHS) -> np.ndarray:
    """What the graph adds to the peak of one training step, for each depth N."""
    return np.array([measure_deep(dezero, depth, checkpoint_every(depth) if checkpointed
                                  else 0).graph_peak for depth in depths])


def deep_curves(depths=DEEP_DEPTHS) -> dict[str, np.ndarray]:
    return measured(DEEP_LINES, lambda dezero, checkpointed: deep_peaks(dezero, checkpointed,
                                                                        depths))


def draw_deep(plt, lines: dict[str, np.ndarray], path, depths=DEEP_DEPTHS) -> None:
    figure, axes = plt.subplots(figsize=(9, 5))
    for legend, peaks in lines.items():
        axes.plot(depths, peaks / MB, label=legend, linewidth=2, marker="o",
                  linestyle=YOURS_DASHED if legend.startswith("your") else "-")
    axes.set_title(f"Step 61: peak memory of one training step, batch {DEEP_BATCH}, "
                   "against the number of blocks", fontsize=10)
    axes.set_xlabel("blocks N")
    axes.set_ylabel("peak beyond parameters and gradients, MB (tracemalloc)")
    save(plt, figure, axes, path)


# -- the command ---------------------------------------------------------------------------

def plot_step17(plt) -> str:
    draw(plt, curves(PLOT_GRAPHS), OUTPUT)
    return f"memory over the book's loop: {rel(OUTPUT)}"


def plot_step59(plt) -> str:
    draw_rnn(plt, rnn_curves(RNN_PLOT_STEPS), OUTPUT_59)
    return f"memory over an RNN's training: {rel(OUTPUT_59)}"


def plot_step61(plt) -> str:
    draw_deep(plt, deep_curves(), OUTPUT_61)
    return f"peak memory against depth, with and without checkpoints: {rel(OUTPUT_61)}"


# The steps that have a picture, and what draws it (each returns the line to print).
PLOTS = {17: plot_step17, 59: plot_step59, 61: plot_step61}


def add_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)


def run(args) -> int:
    step = parse_step(args.step)
    if step not in PLOTS:
        named = [f"STEP={n}" for n in PLOTS]
        steps = ", ".join(named[:-1]) + f" and {named[-1]}"
        raise UsageError(f"make plot draws the memory of {steps}, not of step {step}")
    plt = pyplot()
    if plt is None:
        say(MISSING, file=sys.stderr)
        return 1
    say(PLOTS[step](plt))
    return 0
