"""Step 61's lesson (beyond the book): what gradient checkpointing buys and costs. One training
step of an MLP of N blocks tanh(h W + b), for N up to 64, on the plain graph and with a
checkpoint every ceil(sqrt(N)) blocks.

The plain graph keeps every block's values until backward has passed them: its peak grows
with N. With checkpoints, only each segment's input is kept, and backward recomputes one
segment at a time: about 2 sqrt(N) blocks' values at once, for one more forward pass. The
batch (DEEP_BATCH) is large enough that the values dominate: a block's are eight times its
parameters and their gradients.

- What it measures (untimed, the GC off): the step's peak, the gradients it makes, what the
  graph adds, and the Functions kept between forward and backward.
- Its targets: the report `make bench STEP=61` prints (benchmarks/bench_step61.py times it),
  for the solution and, when it passes its tests, the learner's code.
- Its picture (`make plot STEP=61`): the peak of one training step against the depth N, on
  the plain graph and with checkpoints (the solution both ways, and your code with them).
"""

from __future__ import annotations

import math
import tracemalloc
from dataclasses import asdict, dataclass

import numpy as np

from kata.i18n import _
from kata.layout import WORK, rel
from kata.leaks import live_objects
from kata.measure import bench, memory, plot
from kata.measure.memory import Impl, cyclic_gc, traced

# -- the workload -----------------------------------------------------------------------------

DEEP_WIDTH = 64  # features in and out of every block tanh(h W + b)
DEEP_BATCH = 512  # examples a step: a block's two values (Linear's, tanh's) are 2 x 512 x 64
#                  floats, 0.5 MB, eight times the block's parameters and their gradients
DEEP_DEPTHS = (4, 16, 36, 64)  # blocks in the MLP (squares: sqrt(N) blocks a checkpoint)
DEEP_LR = 0.01


def checkpoint_every(depth: int) -> int:
    """Blocks per checkpoint: ceil(sqrt(N)), so N/k segment inputs plus k blocks' values."""
    return math.ceil(math.sqrt(depth))


class DeepMLP:
    """N blocks of tanh(h W + b), each an L.Linear, trained by SGD on one fixed batch.

    every=0 runs the plain graph; every=k runs the blocks in segments of k, each segment
    through dezero.utils.checkpoint.
    """

    def __init__(self, dezero, depth: int):
        self.dezero, self.depth = dezero, depth
        np.random.seed(0)  # L.Linear draws its W from np.random, as in the book
        self.model = dezero.Model()
        for i in range(depth):  # a Model attribute each, so that params() sees them all
            setattr(self.model, f"l{i}", dezero.layers.Linear(DEEP_WIDTH, in_size=DEEP_WIDTH))
        self.layers = [getattr(self.model, f"l{i}") for i in range(depth)]
        self.optimizer = dezero.optimizers.SGD(DEEP_LR).setup(self.model)
        self.x = np.random.default_rng(0).standard_normal((DEEP_BATCH, DEEP_WIDTH))

    def segment(self, layers):
        tanh = self.dezero.functions.tanh

        def run(h):
            for layer in layers:
                h = tanh(layer(h))
            return h
        return run

    def forward(self, every: int):
        """The loss, sum(h * h) / batch over the last block's output h."""
        F, checkpoint = self.dezero.functions, self.dezero.utils.checkpoint
        size = every or self.depth
        h = self.dezero.Variable(self.x)
        for start in range(0, self.depth, size):
            segment = self.segment(self.layers[start:start + size])
            h = checkpoint(segment, h) if every else segment(h)
        return F.sum(h * h) / DEEP_BATCH

    def step(self, every: int) -> None:
        """One training step: cleargrads, forward, backward, SGD's update."""
        self.model.cleargrads()
        loss = self.forward(every)
        loss.backward()
        self.optimizer.update()

    @property
    def parameter_bytes(self) -> int:
        return sum(param.data.nbytes for param in self.model.params())


# -- what it measures -------------------------------------------------------------------------

@dataclass(frozen=True)
class DeepMemory:
    """One training step of DeepMLP, measured once (untimed, the cyclic GC off)."""

    depth: int
    every: int  # blocks per checkpoint; 0: the plain graph
    peak: int  # tracemalloc's high-water mark over the step, the gradients included
    gradients: int  # bytes of the gradients the step makes (as many as the parameters)
    functions: int  # Functions alive between the forward pass and backward: the graph kept

    @property
    def graph_peak(self) -> int:
        """What the graph adds at the peak: beyond the parameters (there before the step)
        and their gradients (made by it)."""
        return self.peak - self.gradients


def measure_deep(dezero, depth: int, every: int) -> DeepMemory:
    """Memory of one DeepMLP training step, after a warm-up step (NumPy's first calls)."""
    net = DeepMLP(dezero, depth)
    net.step(every)
    with cyclic_gc(False):
        net.model.cleargrads()
        before = live_objects(dezero)["Function"]
        with traced():
            loss = net.forward(every)
            functions = live_objects(dezero)["Function"] - before
            loss.backward()
            del loss
            peak = tracemalloc.get_traced_memory()[1]
    return DeepMemory(depth, every, peak, net.parameter_bytes, functions)


def deep_memory_info(dezero, depth: int, every: int) -> dict:
    """The extra_info of a step-61 benchmark."""
    measured = measure_deep(dezero, depth, every)
    return {**asdict(measured), "graph_peak": measured.graph_peak, "width": DEEP_WIDTH,
            "batch": DEEP_BATCH}


# -- the report and its targets ---------------------------------------------------------------

PEAK_TARGET = 0.3  # the aims at the deepest N: peak beyond params and grads ...
TIME_TARGET = 1.5  # ... and the time of a step, checkpointed over plain

# The benchmarks' groups (benchmarks/bench_step61.py), which the report reads.
GROUP = "step61: one training step"
RATIO_GROUP = "step61: checkpointed / plain, interleaved"


def report(results: dict) -> str:
    runs = bench.entries(results, GROUP)
    rows = [[bench.label(e["impl"]), e["depth"], e["every"] or "-", f"{e['time'] * 1e3:.0f}",
             bench.megabytes(e["peak"]), bench.megabytes(e["gradients"]),
             bench.megabytes(e["graph_peak"]), e["functions"]] for e in runs]
    first = runs[0]
    ratios = {e["impl"]: e for e in bench.entries(results, RATIO_GROUP)}
    lines = [
        _("One SGD step of an MLP of N blocks tanh(h W + b), width {width}, batch {batch};\n"
          "a checkpoint every ceil(sqrt(N)) blocks (every), or none (-)").format(
            width=first["width"], batch=first["batch"]),
        bench.table([_("implementation"), "N", "every", "ms", _("peak MB"), _("grads MB"),
                     _("graph MB"), _("Functions kept")], rows),
        *bench.notes(_(
            "ms: the fastest of {rounds} rounds (GC on). peak: tracemalloc's high-water mark "
            "over\n"
            "the step (the parameters were there before it); grads: the gradients it makes; "
            "graph: peak\n"
            "less grads, what the graph adds. Functions kept: alive between forward and "
            "backward\n"
            "(GC off, untimed; 1 MB = 10^6 bytes).").format(rounds=first["rounds"])),
    ]
    for impl in bench.measured_impls(runs):
        ratio = ratios[impl]
        lines += ["", *bench.targets_for(impl, targets(
            [e for e in runs if e["impl"] == impl], memory.Spread.of(ratio["ratios"]),
            ratio["depth"]))]
    return "\n".join(lines)


def targets(runs: list[dict], spread: memory.Spread, depth: int) -> list[str]:
    """The targets, from one implementation's entries and its time ratio."""
    by = {(e["every"] > 0, e["depth"]): e for e in runs}
    plain, cut = by[(False, depth)], by[(True, depth)]
    shallow = min(DEEP_DEPTHS)
    peak_ratio = cut["graph_peak"] / plain["graph_peak"]
    plain_growth = plain["graph_peak"] / by[(False, shallow)]["graph_peak"]
    cut_growth = cut["graph_peak"] / by[(True, shallow)]["graph_peak"]
    return [
        bench.target(peak_ratio <= PEAK_TARGET,
                     _("at N = {depth}, the checkpointed graph's peak is {ratio}x the plain "
                       "graph's (aim: at most {aim}x): {cut_mb} MB against {plain_mb} MB")
                     .format(depth=depth, ratio=f"{peak_ratio:.2f}", aim=PEAK_TARGET,
                             cut_mb=bench.megabytes(cut["graph_peak"]),
                             plain_mb=bench.megabytes(plain["graph_peak"]))),
        bench.target(cut_growth < plain_growth / 2,
                     _("from N = {shallow} to {depth}, the plain graph's peak grows {plain} "
                       "times, the checkpointed one's {cut} times").format(
                         shallow=shallow, depth=depth, plain=f"{plain_growth:.1f}",
                         cut=f"{cut_growth:.1f}")),
        bench.ratio_target(spread, TIME_TARGET,
                           _("at N = {depth}, a checkpointed step takes at most {aim}x a plain "
                             "one (one more forward pass)").format(depth=depth,
                                                                   aim=TIME_TARGET)),
    ]


# -- the picture: make plot STEP=61 -----------------------------------------------------------

OUTPUT = WORK / "plots" / "step61-memory.png"

# (implementation, checkpointed?, legend)
LINES = [
    (Impl(61, "solutions"), False, "step 61 solution, the plain graph"),
    (Impl(61, "solutions"), True, "step 61 solution, a checkpoint every ceil(sqrt(N)) blocks"),
    (Impl(61, "steps"), True, "your step 61 code, a checkpoint every ceil(sqrt(N)) blocks"),
]


def deep_peaks(dezero, checkpointed: bool, depths=DEEP_DEPTHS) -> np.ndarray:
    """What the graph adds to the peak of one training step, for each depth N."""
    return np.array([measure_deep(dezero, depth, checkpoint_every(depth) if checkpointed
                                  else 0).graph_peak for depth in depths])


def curves(depths=DEEP_DEPTHS) -> dict[str, np.ndarray]:
    return plot.measured(LINES, lambda dezero, checkpointed: deep_peaks(dezero, checkpointed,
                                                                        depths))


def picture(plt) -> str:
    """`make plot STEP=61`: the lines drawn into OUTPUT; returns the line to print."""
    plot.draw_lines(plt, curves(), OUTPUT, f"Step 61: peak memory of one training step, batch "
                    f"{DEEP_BATCH}, against the number of blocks",
                    ("blocks N", "peak beyond parameters and gradients, MB (tracemalloc)"),
                    x=DEEP_DEPTHS, marker="o")
    return _("peak memory against depth, with and without checkpoints: {path}").format(
        path=rel(OUTPUT))
