"""Step 51's lesson: what the framework costs. One epoch of the book's MLP((1000, 10)) on the
shipped sample (5000 images, batch 100, SGD), with step 51's dezero and with the same network
in plain NumPy, gradients derived by hand (NumpyEpoch: the floor). The ratio is timed in
alternating rounds (kata.measure.memory.Interleaved) and judged by its median and spread.
Then peak memory of one training step with backward(retain_grad=False) and True, as at
step 18: the intermediate grads kept are what retain_grad=True costs.

Its targets: the report `make bench STEP=51` prints (benchmarks/bench_step51.py times it).
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import tracemalloc

import numpy as np

from kata.i18n import _
from kata.measure import bench, memory
from kata.measure.memory import traced

# -- the workload -----------------------------------------------------------------------------

MLP_HIDDEN = 1000  # the book's step-51 network: MLP((1000, 10)), SGD(lr=0.01), batch 100
MLP_BATCH = 100
MLP_LR = 0.01


def sample_mnist(dezero, train: bool = True):
    """The shipped sample (kata/data/fashion-mnist) through the step's own MNIST, flat float32
    images in [0, 1]; DEZERO_OFFLINE keeps it from looking for the network."""
    os.environ.setdefault("DEZERO_OFFLINE", "1")
    with contextlib.redirect_stdout(io.StringIO()):  # its one line about the sample
        return dezero.datasets.MNIST(train=train)


class DezeroEpoch:
    """One epoch of the book's step-51 training loop, with the step's dezero."""

    def __init__(self, dezero, retain_grad: bool = False):
        self.dezero, self.retain_grad = dezero, retain_grad
        np.random.seed(0)
        self.loader = dezero.DataLoader(sample_mnist(dezero), MLP_BATCH)
        self.model = dezero.models.MLP((MLP_HIDDEN, 10))
        self.optimizer = dezero.optimizers.SGD(MLP_LR).setup(self.model)

    def step(self, x, t) -> None:
        loss = self.dezero.functions.softmax_cross_entropy(self.model(x), t)
        self.model.cleargrads()
        loss.backward(retain_grad=self.retain_grad)
        self.optimizer.update()

    def __call__(self) -> None:
        for x, t in self.loader:
            self.step(x, t)


class NumpyEpoch:
    """The same network and loop in plain NumPy, gradients derived by hand: the floor."""

    def __init__(self, dezero):
        np.random.seed(0)
        self.loader = dezero.DataLoader(sample_mnist(dezero), MLP_BATCH)
        rng = np.random.default_rng(0)
        sizes = [784, MLP_HIDDEN, 10]
        self.W = [(rng.standard_normal((i, o)) * np.sqrt(1 / i)).astype(np.float32)
                  for i, o in zip(sizes, sizes[1:])]
        self.b = [np.zeros(o, np.float32) for o in sizes[1:]]

    def step(self, x, t) -> None:
        (W1, W2), (b1, b2) = self.W, self.b
        h = 1 / (1 + np.exp(-(x @ W1 + b1)))  # sigmoid, as MLP's default
        scores = h @ W2 + b2
        scores = scores - scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        p[np.arange(len(t)), t] -= 1  # d loss / d scores of the mean cross-entropy
        gscores = p / len(t)
        gh = (gscores @ W2.T) * h * (1 - h)
        grads = [(x.T @ gh, gh.sum(axis=0)), (h.T @ gscores, gscores.sum(axis=0))]
        for layer, (gW, gb) in enumerate(grads):
            self.W[layer] -= MLP_LR * gW
            self.b[layer] -= MLP_LR * gb

    def __call__(self) -> None:
        for x, t in self.loader:
            self.step(x, t)


# -- what it measures -------------------------------------------------------------------------

def one_step_peak(dezero, retain_grad: bool) -> int:
    """Peak bytes of one training step of the step-51 MLP (tracemalloc, untimed)."""
    epoch = DezeroEpoch(dezero, retain_grad)
    x, t = next(iter(epoch.loader))
    epoch.step(x, t)  # W is made at the first call: measure a step like every later one
    gc.collect()
    with traced():
        epoch.step(x, t)
        return tracemalloc.get_traced_memory()[1]


# -- the report and its targets ---------------------------------------------------------------

TARGET = 1.5  # the aim: framework overhead under 1.5x the floor

# The benchmarks' groups (benchmarks/bench_step51.py), which the report reads.
EPOCH_GROUP = "step51: one epoch"
MEMORY_GROUP = "step51: one step's peak"


def report(results: dict) -> str:
    epochs = bench.entries(results, EPOCH_GROUP)
    ratio = epochs[0]
    steps = bench.entries(results, MEMORY_GROUP)
    rows = [[bench.label(e["impl"]), str(e["retain_grad"]), f"{e['time'] * 1e3:.1f}",
             bench.megabytes(e["peak"])] for e in steps]
    peak = {(e["impl"], e["retain_grad"]): e["peak"] for e in steps}
    return "\n".join([
        _("One epoch of MLP((1000, 10)) on the offline sample ({batches} batches of {batch}), "
          "dezero against plain NumPy:").format(batches=ratio["batches"], batch=MLP_BATCH),
        *(line for e in epochs for line in [
            f"  {bench.whose(e['impl'])}: {bench.spread_text(memory.Spread.of(e['ratios']))}",
            bench.ratio_target(memory.Spread.of(e["ratios"]), TARGET,
                               _("{whose}'s epoch within {target}x the NumPy floor").format(
                                   whose=bench.whose(e["impl"]), target=TARGET))]),
        "",
        bench.table([_("implementation"), "retain_grad", _("ms a step"), _("peak MB")], rows),
        *bench.notes(_("peak: tracemalloc over one training step (forward, backward, update), "
                       "untimed.")),
        *(bench.target(peak[(impl, True)] > peak[(impl, False)],
                       _("{whose}: retain_grad=True keeps the intermediate grads, {mb} MB more "
                         "at the peak").format(
                           whose=bench.whose(impl),
                           mb=bench.megabytes(peak[(impl, True)] - peak[(impl, False)])))
          for impl in bench.measured_impls(steps)),
    ])
