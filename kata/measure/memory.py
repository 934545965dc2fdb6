"""What benchmarks/, `make plot` and the runner's tests measure, and how they measure memory.

The implementations compared load by path, side by side; the workloads are the book's loop
(step 17) and chains of squares (steps 17 and 18). Memory is measured with tracemalloc in a
separate, untimed pass after a warm-up: tracemalloc slows Python code several times, so it
never runs inside a timed region.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import io
import math
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from kata.layout import ROOT, dezero_path, impl_dir, rel
from kata.leaks import gc_off, live_objects

MB = 1e6  # tables and plots show decimal megabytes: an array of 10,000 floats is 0.08 MB


# -- the implementations compared ---------------------------------------------------------------

@dataclass(frozen=True)
class Impl:
    """One `dezero` to measure: a step's reference solution or the learner's code."""

    step: int
    impl: str  # "solutions" or "steps" (the learner's)

    @property
    def solution(self) -> bool:
        return self.impl == "solutions"

    @property
    def key(self) -> str:  # in test ids and the JSON
        return f"step{self.step}-{'solution' if self.solution else 'yours'}"

    @property
    def test_id(self) -> str:  # short, so pytest-benchmark's tables fit 100 columns
        return f"solution{self.step}" if self.solution else "yours"

    @property
    def label(self) -> str:  # in the tables
        return f"step {self.step} solution" if self.solution else f"your step {self.step}"

    @property
    def path(self) -> Path:
        return dezero_path(impl_dir(self.step, self.impl))

    @property
    def module_name(self) -> str:  # unique, so several load side by side
        return f"dezero_step{self.step:02d}_{'solution' if self.solution else 'learner'}"


def implementations(solutions: tuple[int, ...], step: int, learner: bool = False) -> list[Impl]:
    """These steps' reference solutions, then the learner's code of `step` when asked for."""
    impls = [Impl(number, "solutions") for number in solutions]
    return impls + [Impl(step, "steps")] if learner else impls


def load(impl: Impl):
    """Import an implementation from its file, once, under its own module name."""
    if impl.module_name in sys.modules:
        return sys.modules[impl.module_name]
    if impl.path.name == "__init__.py":
        return _load_package(impl)
    spec = importlib.util.spec_from_file_location(impl.module_name, impl.path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[impl.module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[impl.module_name]
        raise
    return module


def _load_package(impl: Impl):
    """The package dezero/ (step 23 on) of one implementation, beside the others.

    Its modules import each other as `dezero.core`, so it is imported as `dezero` while its
    folder is first on the path, then the names are given back: each package keeps its own
    modules (their code refers to them directly), and the next one imports afresh.
    """
    def ours(name: str) -> bool:
        return name == "dezero" or name.startswith("dezero.")

    saved = {name: sys.modules.pop(name) for name in list(sys.modules) if ours(name)}
    sys.path.insert(0, str(impl.path.parent.parent))
    try:
        module = importlib.import_module("dezero")
    finally:
        sys.path.pop(0)
        for name in [name for name in sys.modules if ours(name)]:
            del sys.modules[name]
        sys.modules.update(saved)
    sys.modules[impl.module_name] = module
    return module


def learner_left_out(step: int) -> str | None:
    """Why the learner's code of `step` is not measured, or None when it is.

    The test is the step's own test run (every test that applies to it, as `make test STEP=N`
    runs them, the warm-up exercise's too), not a quicker functional check: code that fails a
    test may compute wrong results, and timing wrong code says nothing. It costs one pytest
    run, stopped at the first failure (about 2 s for step 17).
    """
    from kata.commands.testrun import pytest_command

    learner = Impl(step, "steps")
    if not learner.path.exists():
        return f"your step {step} code is left out: there is no {rel(learner.path)}"
    command = pytest_command(step, "steps", extra=("-x",))
    if subprocess.run(command, cwd=ROOT, capture_output=True, check=False).returncode == 0:
        return None
    return (f"your {rel(learner.path)} is left out: its tests do not pass yet "
            f"(make test STEP={step})")


# -- step 17: the book's loop -----------------------------------------------------------------

BOOK_SIZE = 10_000  # randn(10000), as in the book
BOOK_GRAPHS = 200  # graphs built one after the other
GRAPH_ARRAYS = 4  # x and its three squares: the arrays one graph holds
ARRAY_BYTES = BOOK_SIZE * 8
GRAPH_BYTES = GRAPH_ARRAYS * ARRAY_BYTES
CHAIN_OPS = 100  # per-operation cost: a chain of squares on a 0-d array


RANDOM = np.random.default_rng(0)  # seeded: every run measures the same arrays


def book_graph(dezero):
    x = dezero.Variable(RANDOM.standard_normal(BOOK_SIZE))
    return dezero.square(dezero.square(dezero.square(x)))


def book_loop(dezero, graphs: int = BOOK_GRAPHS) -> None:
    """The book's loop: each new graph replaces the previous one, which should then be freed."""
    for _ in range(graphs):
        _y = book_graph(dezero)  # the previous graph lives until this assignment, as in the book


def chain_forward_backward(dezero, ops: int = CHAIN_OPS) -> None:
    """Forward and backward through `ops` squares of a 0-d array: the cost is all overhead."""
    y = dezero.Variable(np.array(1.0))  # 1.0 squared stays 1.0; the grad, 2**ops, is finite
    for _ in range(ops):
        y = dezero.square(y)
    y.backward()


@dataclass(frozen=True)
class Spread:
    """A ratio measured over rounds: its median and the middle half (first to third quartile)."""

    low: float
    median: float
    high: float
    rounds: int

    @classmethod
    def of(cls, ratios: list[float]) -> Spread:
        if len(ratios) < 2:
            return cls(ratios[0], ratios[0], ratios[0], len(ratios))
        low, median, high = statistics.quantiles(ratios, n=4, method="inclusive")
        return cls(low, median, high, len(ratios))


# The clock of every timing: the CPU time of this process, not the wall clock. On a busy
# machine the wall clock also counts the time other processes ran; CPU time counts the code's
# own work (system time included). `make bench` also runs NumPy's BLAS on one thread and
# keeps freed memory for reuse (kata.measure.bench.TIMING_ENV says why).
CLOCK = time.process_time


class Interleaved:
    """Two implementations timed in alternating rounds, so a busy moment slows both alike.

    Each call of `round` first runs `setup` (untimed: by default a full collection, so no
    round pays for the garbage of the one before), then times `run(base)` and `run(other)`
    `repeats` times each, `iterations` calls a timing, alternating which goes first. It
    records the fastest of other's timings over the fastest of base's: a timing is sometimes
    slowed by another process (its cache, its memory traffic), and the fastest of a few is
    the one that was not. Timings are CPU time (CLOCK). The spread of these ratios over the
    rounds (Spread) says how far one run can be trusted.
    """

    def __init__(self, run, base, other, iterations: int = 5, repeats: int = 5,
                 setup=gc.collect):
        self.run, self.base, self.other = run, base, other
        self.iterations, self.repeats, self.setup = iterations, repeats, setup
        self.ratios: list[float] = []

    def _time(self, dezero) -> float:
        started = CLOCK()
        for _ in range(self.iterations):
            self.run(dezero)
        return CLOCK() - started

    def round(self) -> None:
        if self.setup is not None:
            self.setup()
        base: list[float] = []
        other: list[float] = []
        for repeat in range(self.repeats):
            if (len(self.ratios) + repeat) % 2:
                other.append(self._time(self.other))
                base.append(self._time(self.base))
            else:
                base.append(self._time(self.base))
                other.append(self._time(self.other))
        self.ratios.append(min(other) / min(base))


@contextlib.contextmanager
def cyclic_gc(enabled: bool):
    """Run a block with the cyclic GC on (as usual) or off (kata.leaks.gc_off).

    Either way the block starts from a collected heap, and what it left in cycles is collected
    afterwards, so the next measurement starts clean.
    """
    try:
        if enabled:
            gc.collect()
            yield
        else:
            with gc_off():  # collects first, and restores the GC even when the block raises
                yield
    finally:
        gc.collect()


@contextlib.contextmanager
def traced():
    """tracemalloc on for a block; yields nothing, read it with tracemalloc.get_traced_memory."""
    if tracemalloc.is_tracing():
        raise RuntimeError("tracemalloc is already tracing: memory would be measured twice")
    tracemalloc.start()
    try:
        yield
    finally:
        tracemalloc.stop()


@dataclass(frozen=True)
class LoopMemory:
    """The book's loop, measured once: bytes per tracemalloc, objects per objgraph."""

    graphs: int
    peak: int  # bytes allocated at the worst moment of the loop
    retained: int  # bytes still allocated once the loop is over
    variables: int  # Variables still alive once the loop is over
    functions: int  # Functions still alive once the loop is over


def measure_loop(dezero, graphs: int, gc_enabled: bool) -> LoopMemory:
    """Memory of `book_loop(dezero, graphs)`, with the cyclic GC on or off (untimed)."""
    book_loop(dezero, 1)  # warm-up: the first random draw's set-up is not the loop's memory
    with cyclic_gc(gc_enabled):
        before = live_objects(dezero)
        with traced():
            book_loop(dezero, graphs)
            retained, peak = tracemalloc.get_traced_memory()
        after = live_objects(dezero)  # before the GC is restored: what the loop left behind
    return LoopMemory(graphs, peak, retained, after["Variable"] - before["Variable"],
                      after["Function"] - before["Function"])


def flat_at_two_graphs(peak: int, short_peak: int) -> bool:
    """A loop 4 times longer peaks within one array of the short one, and under 9 arrays.

    In the book's loop the previous graph is alive while the next one is built: 8 arrays
    (two graphs') plus a few kB of Python objects is the least a peak can be.
    """
    return peak - short_peak < ARRAY_BYTES and peak < 2 * GRAPH_BYTES + ARRAY_BYTES


def loop_memory_info(dezero, gc_enabled: bool) -> dict:
    """The extra_info of a book-loop benchmark: a full loop, and a loop 4 times shorter."""
    full = measure_loop(dezero, BOOK_GRAPHS, gc_enabled)
    short = measure_loop(dezero, BOOK_GRAPHS // 4, gc_enabled)
    return {**asdict(full), "short_graphs": short.graphs, "short_peak": short.peak,
            "graph_bytes": GRAPH_BYTES}


# -- step 18: a chain over large arrays --------------------------------------------------------

BIG_SIZE = 250_000  # floats: 2 MB an array, so the arrays dwarf the Python objects
CHAIN = 10  # squares in the chain: 11 values from x to y


def big_chain(dezero):
    """x and CHAIN squares of it; x holds ones, so the values stay finite however long."""
    y = x = dezero.Variable(np.ones(BIG_SIZE))
    for _ in range(CHAIN):
        y = dezero.square(y)
    return x, y


def forward_backward(dezero, retain_grad: bool) -> None:
    _x, y = big_chain(dezero)
    y.backward(retain_grad=retain_grad)


def forward(dezero, graph: bool) -> None:
    if graph:
        big_chain(dezero)
    else:
        with dezero.no_grad():
            big_chain(dezero)


# Each case: what the table calls it, and the arrays that must be alive at once (how many, which).
VALUES = CHAIN + 1  # x and its CHAIN squares
CASES = {
    (forward_backward, False): ("forward+backward, retain_grad=False", VALUES + 2,
                                f"{VALUES} values + the grad in + the grad out"),
    (forward_backward, True): ("forward+backward, retain_grad=True", 2 * VALUES,
                               f"{VALUES} values + {VALUES} grads"),
    (forward, True): ("forward, graph kept", VALUES, f"{VALUES} values, kept for backward"),
    (forward, False): ("forward under no_grad()", 3, "x + the value in + the value out"),
}


def peak_memory(run, *args) -> int:
    """tracemalloc's peak, in bytes, of one call of run(*args), after a warm-up call."""
    run(*args)
    gc.collect()
    with traced():
        run(*args)
        return tracemalloc.get_traced_memory()[1]


def chain_memory_info(run, dezero, switch: bool) -> dict:
    """The extra_info of a step-18 benchmark: its peak next to its theoretical minimum."""
    what, arrays, which = CASES[run, switch]
    return {"what": what, "peak": peak_memory(run, dezero, switch), "minimum_arrays": arrays,
            "which": which, "array_bytes": BIG_SIZE * 8}


# -- step 33: Newton's method, where backward(create_graph=True) makes cycles through grad -----

NEWTON_SIZE = 10_000  # x holds this many starting points: Newton runs on each, elementwise
NEWTON_ITERS = 10  # the book's iterations
# variant: (x.cleargrad() before each backward?, the second backward with create_graph?)
NEWTON_VARIANTS = {
    "the book's loop": (True, False),
    "no cleargrad": (False, False),
    "create_graph twice": (True, True),
}


def newton_loop(dezero, variant: str, iters: int = NEWTON_ITERS, size: int = NEWTON_SIZE):
    """Newton's method on x⁴ - 2x² from x = 2 + (small noise), as step 33 writes it.

    "no cleargrad" lets the grads pile up (wrong values, but the last backward holds no
    graph); "create_graph twice" records the second backward too, so every leaf of the first
    derivative's graph gets a grad with a graph: cycles that x.cleargrad() does not reach.
    """
    clear, second_graph = NEWTON_VARIANTS[variant]
    x = dezero.Variable(2.0 + RANDOM.uniform(0.0, 0.1, size))
    for _ in range(iters):
        y = x ** 4 - 2 * x ** 2
        if clear:
            x.cleargrad()
        y.backward(create_graph=True)
        gx = x.grad
        if clear:
            x.cleargrad()
        gx.backward(create_graph=second_graph)
        x.data -= gx.data / x.grad.data
    return x.data


@dataclass(frozen=True)
class NewtonMemory:
    """One Newton run, measured once (untimed) after it returned and dropped x."""

    iters: int
    peak: int  # bytes allocated at the run's worst moment
    retained: int  # bytes still allocated once the run has returned
    variables: int  # Variables still alive then
    functions: int  # Functions still alive then


def measure_newton(dezero, variant: str, gc_enabled: bool, iters: int = NEWTON_ITERS,
                   size: int = NEWTON_SIZE) -> NewtonMemory:
    """What newton_loop leaves behind, with the cyclic GC on or off."""
    newton_loop(dezero, variant, 1, size)  # warm-up
    with cyclic_gc(gc_enabled):
        before = live_objects(dezero)
        with traced():
            newton_loop(dezero, variant, iters, size)
            retained, peak = tracemalloc.get_traced_memory()
        after = live_objects(dezero)
    return NewtonMemory(iters, peak, retained, after["Variable"] - before["Variable"],
                        after["Function"] - before["Function"])


def newton_memory_info(dezero, variant: str, gc_enabled: bool) -> dict:
    """The extra_info of a step-33 benchmark: N iterations, and N / 2 for the growth."""
    full = measure_newton(dezero, variant, gc_enabled)
    half = measure_newton(dezero, variant, gc_enabled, NEWTON_ITERS // 2)
    return {**asdict(full), "variant": variant, "half_iters": half.iters,
            "half_retained": half.retained, "half_variables": half.variables,
            "array_bytes": NEWTON_SIZE * 8}


# -- step 51: one epoch of the book's MLP on the offline sample, next to plain NumPy ----------

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


def one_step_peak(dezero, retain_grad: bool) -> int:
    """Peak bytes of one training step of the step-51 MLP (tracemalloc, untimed)."""
    epoch = DezeroEpoch(dezero, retain_grad)
    x, t = next(iter(epoch.loader))
    epoch.step(x, t)  # W is made at the first call: measure a step like every later one
    gc.collect()
    with traced():
        epoch.step(x, t)
        return tracemalloc.get_traced_memory()[1]


# -- step 59: truncated backprop through time, with and without unchain_backward -------------

RNN_HIDDEN = 100  # the book's hidden_size
RNN_BPTT = 30  # the book's bptt_length
RNN_LENGTHS = (100, 200, 400)  # time steps trained over: the sequence grows 4 times
RNN_CURVE = np.sin(np.linspace(0, 4 * np.pi, max(RNN_LENGTHS) + 1))  # the data, noise-free


def rnn_model(dezero, hidden: int = RNN_HIDDEN):
    """The book's SimpleRNN: L.RNN, then L.Linear(1); reset_state passed on."""
    L = dezero.layers

    class SimpleRNN(dezero.Model):
        def __init__(self):
            super().__init__()
            self.rnn = L.RNN(hidden)
            self.fc = L.Linear(1)

        def reset_state(self):
            self.rnn.reset_state()

        def forward(self, x):
            return self.fc(self.rnn(x))

    return SimpleRNN()


def rnn_training(dezero, length: int, unchain: bool, model=None, probe=None):
    """The book's step-59 loop over `length` time steps of a sine wave, one Adam update every
    RNN_BPTT steps, loss.unchain_backward() after each backward or not.

    Returns the model, still holding its state (and, without the cut, the graph behind it).
    probe(step), if given, is called after every time step.
    """
    F = dezero.functions
    np.random.seed(0)  # the layers draw their weights from np.random, as in the book
    model = model if model is not None else rnn_model(dezero)
    optimizer = dezero.optimizers.Adam().setup(model)
    model.reset_state()
    loss = 0
    for step in range(1, length + 1):
        x, t = RNN_CURVE[step - 1].reshape(1, 1), RNN_CURVE[step:step + 1]
        loss += F.mean_squared_error(model(x), t)
        if step % RNN_BPTT == 0 or step == length:
            model.cleargrads()
            loss.backward()
            if unchain:
                loss.unchain_backward()
            optimizer.update()
        if probe is not None:
            probe(step)
    return model


@dataclass(frozen=True)
class RNNMemory:
    """One training run, measured once (untimed), with the model still alive at the end."""

    length: int
    unchain: bool
    peak: int  # bytes allocated at the run's worst moment (tracemalloc)
    held: int  # bytes still allocated at the end, the model alive (its graph, if kept)
    functions: int  # Functions alive at the end: the graph the model's state holds
    variables: int


def measure_rnn(dezero, length: int, unchain: bool) -> RNNMemory:
    """Memory of rnn_training: tracemalloc's peak, and what the live model holds at the end.

    The model is made, and its weights drawn, before tracing: only training is measured.
    """
    rnn_training(dezero, RNN_BPTT, unchain)  # warm-up: lazy weights, NumPy's first calls
    with cyclic_gc(False):
        model = rnn_model(dezero)
        model(RNN_CURVE[:1].reshape(1, 1))  # the weights exist now (they are made lazily)
        model.reset_state()  # ... and that call's graph is gone: the baseline is clean
        before = live_objects(dezero)
        with traced():
            rnn_training(dezero, length, unchain, model)
            held, peak = tracemalloc.get_traced_memory()
        after = live_objects(dezero)
        del model
    return RNNMemory(length, unchain, peak, held, after["Function"] - before["Function"],
                     after["Variable"] - before["Variable"])


def rnn_memory_info(dezero, length: int, unchain: bool) -> dict:
    """The extra_info of a step-59 benchmark."""
    return {**asdict(measure_rnn(dezero, length, unchain)), "bptt": RNN_BPTT,
            "hidden": RNN_HIDDEN}


def rnn_memory_curve(dezero, length: int, unchain: bool) -> np.ndarray:
    """Bytes in use (tracemalloc) after each time step: `make plot STEP=59`'s two lines."""
    rnn_training(dezero, RNN_BPTT, unchain)  # warm-up
    sizes = np.zeros(length, dtype=np.int64)  # made before tracing, so it is not measured

    def probe(step):
        sizes[step - 1] = tracemalloc.get_traced_memory()[0]

    with cyclic_gc(False):
        model = rnn_model(dezero)
        model(RNN_CURVE[:1].reshape(1, 1))  # the weights, made lazily, are not measured
        model.reset_state()
        with traced():
            rnn_training(dezero, length, unchain, model, probe)
        del model
    return sizes


# -- step 61: gradient checkpointing, a checkpoint every ceil(sqrt(N)) blocks of N ----------

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
