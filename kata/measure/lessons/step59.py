"""Step 59's lesson: what truncated backprop saves: training an RNN the book's way over
sequences of growing length, with and without loss.unchain_backward() after each window.

Without the cut, the RNN's state h holds the graph of every step since reset_state(): the
memory grows with the sequence, and each backward walks the whole history again (the time
grows faster than the length). With it, the graph never outgrows one window.

- The workload: the book's SimpleRNN trained on a sine wave, one Adam update a window.
- What it measures (untimed, the GC off, so that what is counted is what reference counting
  keeps): the peak, what the live model holds at the end, and the Functions behind its state.
- Its targets: the report `make bench STEP=59` prints (benchmarks/bench_step59.py times it).
- Its picture (`make plot STEP=59`): memory over the time steps of the training, with and
  without the cut (the solution both ways, and your code).
"""

from __future__ import annotations

import tracemalloc
from dataclasses import asdict, dataclass

import numpy as np

from kata.i18n import _
from kata.layout import WORK, rel
from kata.leaks import live_objects
from kata.measure import bench, plot
from kata.measure.memory import Impl, cyclic_gc, traced

# -- the workload -----------------------------------------------------------------------------

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


# -- what it measures -------------------------------------------------------------------------

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


# -- the report and its targets ---------------------------------------------------------------

GROUP = "step59: RNN training"  # the benchmarks' group (benchmarks/bench_step59.py)


def report(results: dict) -> str:
    runs = bench.entries(results, GROUP)
    rows = [[bench.label(e["impl"]), _("yes") if e["unchain"] else _("no"), e["length"],
             f"{e['time'] * 1e3:.0f}", bench.megabytes(e["peak"]), bench.megabytes(e["held"]),
             e["functions"]] for e in runs]
    first = runs[0]
    return "\n".join([
        _("SimpleRNN(hidden_size={hidden}) trained the book's way on a sine wave, "
          "bptt_length={bptt}, Adam").format(hidden=first["hidden"], bptt=first["bptt"]),
        bench.table([_("implementation"), "unchain", _("time steps"), "ms", _("peak MB"),
                     _("held MB"), _("Functions held")], rows),
        *bench.notes(_(
            "ms: the fastest of {rounds} rounds (GC on). peak: tracemalloc's high-water mark "
            "during\n"
            "training; held: memory still allocated at the end, the model alive; Functions "
            "held: the graph\n"
            "behind the model's state then (GC off, untimed; 1 MB = 10^6 bytes).").format(
                rounds=first["rounds"])),
        *(line for impl in bench.measured_impls(runs) for line in [
            "", *bench.targets_for(impl, targets([e for e in runs if e["impl"] == impl]))]),
    ])


def targets(runs: list[dict]) -> list[str]:
    """The targets, from one implementation's entries."""
    solution = {(e["unchain"], e["length"]): e for e in runs}
    short, long = min(RNN_LENGTHS), max(RNN_LENGTHS)
    cut_short, cut_long = solution[(True, short)], solution[(True, long)]
    kept_short, kept_long = solution[(False, short)], solution[(False, long)]
    ratio = long / short
    claims = [
        (cut_long["peak"] < 1.2 * cut_short["peak"],
         _("with unchain_backward, the peak stays flat: {short_mb} MB over {short} steps, "
           "{long_mb} MB over {long}").format(
             short_mb=bench.megabytes(cut_short["peak"]), short=short,
             long_mb=bench.megabytes(cut_long["peak"]), long=long)),
        (cut_long["functions"] <= 2,
         _("with unchain_backward, the state holds no graph at the end: {functions} Functions "
           "after {long} steps").format(functions=cut_long["functions"], long=long)),
        (kept_long["peak"] > 0.6 * ratio * kept_short["peak"],
         _("without it, the peak grows with the sequence: {short_mb} MB over {short} steps, "
           "{long_mb} MB over {long} ({times} times, for {ratio} times the steps)").format(
             short_mb=bench.megabytes(kept_short["peak"]), short=short,
             long_mb=bench.megabytes(kept_long["peak"]), long=long,
             times=f"{kept_long['peak'] / kept_short['peak']:.1f}", ratio=f"{ratio:.0f}")),
        (kept_long["functions"] > 0.9 * ratio * kept_short["functions"],
         _("without it, the state holds every step's functions: {short_functions} after "
           "{short} steps, {long_functions} after {long}").format(
             short_functions=kept_short["functions"], short=short,
             long_functions=kept_long["functions"], long=long)),
        (kept_long["time"] / cut_long["time"] > 1.5,
         _("over {long} steps, training without the cut takes {times} times as long (each "
           "backward walks the whole history)").format(
             long=long, times=f"{kept_long['time'] / cut_long['time']:.1f}")),
    ]
    return [bench.target(held, claim) for held, claim in claims]


# -- the picture: make plot STEP=59 -----------------------------------------------------------

OUTPUT = WORK / "plots" / "step59-memory.png"
RNN_PLOT_STEPS = max(RNN_LENGTHS)

# (implementation, unchain_backward after each window?, legend)
LINES = [
    (Impl(59, "solutions"), False, "step 59 solution, never unchained"),
    (Impl(59, "solutions"), True, "step 59 solution, loss.unchain_backward() each window"),
    (Impl(59, "steps"), True, "your step 59 code, loss.unchain_backward() each window"),
]


def curves(steps: int = RNN_PLOT_STEPS) -> dict[str, np.ndarray]:
    return plot.measured(LINES, lambda dezero, unchain: rnn_memory_curve(dezero, steps, unchain))


def picture(plt) -> str:
    """`make plot STEP=59`: the lines drawn into OUTPUT; returns the line to print."""
    plot.draw_lines(plt, curves(RNN_PLOT_STEPS), OUTPUT, "Step 59: memory while training an "
                    f"RNN, bptt_length={RNN_BPTT} (grey lines: each backward)",
                    plot.after_each("time step"), windows=RNN_BPTT)
    return _("memory over an RNN's training: {path}").format(path=rel(OUTPUT))
