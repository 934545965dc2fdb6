"""The measuring machinery the memory lessons share (kata/measure/lessons/stepNN.py holds each
lesson's workload, measurements, targets and picture).

The implementations compared load by path, side by side. A ratio of two implementations is
timed in alternating rounds (Interleaved) and summed up by its median and spread (Spread).
Memory is measured with tracemalloc (traced, peak_memory) in a separate, untimed pass after a
warm-up, the cyclic GC on or off (cyclic_gc): tracemalloc slows Python code several times, so
it never runs inside a timed region.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import statistics
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kata.i18n import _
from kata.layout import ROOT, dezero_path, impl_dir, rel
from kata.leaks import gc_off

MB = 1e6  # tables and plots show decimal megabytes: an array of 10,000 floats is 0.08 MB
RANDOM = np.random.default_rng(0)  # seeded: every run measures the same arrays


# -- the implementations compared -------------------------------------------------------------

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
    def label(self) -> str:  # in the tables, in the learner's language
        if self.solution:
            return _("step {step} solution").format(step=self.step)
        return _("your step {step}").format(step=self.step)

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
        return _("your step {step} code is left out: there is no {path}").format(
            step=step, path=rel(learner.path))
    command = pytest_command(step, "steps", extra=("-x",))
    if subprocess.run(command, cwd=ROOT, capture_output=True, check=False).returncode == 0:
        return None
    return _("your {path} is left out: its tests do not pass yet (make test STEP={step})").format(
        path=rel(learner.path), step=step)


# -- timing: two implementations in alternating rounds ----------------------------------------

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
        for _call in range(self.iterations):
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


# -- memory: the cyclic GC, tracemalloc -------------------------------------------------------

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


def peak_memory(run, *args) -> int:
    """tracemalloc's peak, in bytes, of one call of run(*args), after a warm-up call."""
    run(*args)
    gc.collect()
    with traced():
        run(*args)
        return tracemalloc.get_traced_memory()[1]
