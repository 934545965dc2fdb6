"""`make plot STEP=17`: memory over the book's loop, graph after graph, drawn into a PNG.

One line each for step 16's solution with the cyclic GC on and off, step 17's solution, and
your steps/step17 code, measured with tracemalloc after each graph (untimed; kata.memory holds
the loop). Your code is drawn even when its tests fail: this is where you see whether it
still leaks. It runs with the GC off, as the leak tests do, so a leak shows as a rising line.

matplotlib is optional: without it the command says how to install it, in one line, and
exits with code 1 (2 is kept for bad input such as STEP=16).
"""

from __future__ import annotations

import sys
import tracemalloc

import numpy as np

from kata.layout import WORK, UsageError, parse_step, rel
from kata.memory import MB, Impl, book_graph, book_loop, cyclic_gc, load, traced

PLOT_GRAPHS = 200
OUTPUT = WORK / "plots" / "step17-memory.png"
MISSING = ("make plot needs matplotlib: .venv/bin/pip install matplotlib "
           "(or: .venv/bin/pip install --group plot)")

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


def curves(graphs: int = PLOT_GRAPHS) -> dict[str, np.ndarray]:
    """Every line that can be measured; a learner's file that fails is left out in one line."""
    drawn = {}
    for impl, gc_enabled, legend in LINES:
        if not impl.path.exists():
            print(f"{legend} is left out: there is no {rel(impl.path)}")
            continue
        try:
            drawn[legend] = memory_curve(load(impl), graphs, gc_enabled)
        except Exception as error:
            if impl.solution:
                raise
            print(f"{legend} is left out: {rel(impl.path)} fails the loop "
                  f"({type(error).__name__}: {error})")
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


def draw(plt, lines: dict[str, np.ndarray], path) -> None:
    figure, axes = plt.subplots(figsize=(9, 5))
    for legend, sizes in lines.items():
        yours = legend.startswith("your")  # dashed, so a solution's line under it shows
        axes.plot(np.arange(1, len(sizes) + 1), sizes / MB, label=legend, linewidth=2,
                  linestyle=(0, (4, 4)) if yours else "-")
    axes.set_title("Step 17: memory in the book's loop, y = square(square(square(x))), "
                   "x = randn(10000)", fontsize=10)
    axes.set_xlabel("graphs built")
    axes.set_ylabel("memory in use after each graph, MB (tracemalloc)")
    axes.grid(alpha=0.3)
    axes.legend()
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)


def add_arguments(parser) -> None:
    from kata.cli import step_argument

    step_argument(parser)


def run(args) -> int:
    step = parse_step(args.step)
    if step != 17:
        raise UsageError(f"make plot draws step 17's loop (STEP=17), not step {step}")
    plt = pyplot()
    if plt is None:
        print(MISSING, file=sys.stderr)
        return 1
    draw(plt, curves(PLOT_GRAPHS), OUTPUT)
    print(f"memory over the book's loop: {rel(OUTPUT)}")
    return 0
