"""kata.measure.memory: the deterministic facts behind `make bench`. Timings are never asserted.

The memory probes run on the reference solutions; their tests skip until those exist.
"""

from __future__ import annotations

import subprocess

import pytest

from kata.measure import bench, memory
from kata.measure.lessons import step17, step18, step61

STRONG, WEAK, MODES = (memory.Impl(step, "solutions") for step in (16, 17, 18))


def test_step16_with_the_gc_off_retains_every_graph():
    loop = step17.measure_loop(memory.load(STRONG), graphs=10, gc_enabled=False)
    assert (loop.variables, loop.functions) == (10 * 4, 10 * 3)
    assert loop.retained >= 10 * step17.GRAPH_BYTES


@pytest.mark.parametrize("gc_enabled", [True, False], ids=["gc-on", "gc-off"])
def test_step17_retains_nothing_and_its_peak_stays_flat(gc_enabled):
    short = step17.measure_loop(memory.load(WEAK), graphs=10, gc_enabled=gc_enabled)
    long = step17.measure_loop(memory.load(WEAK), graphs=40, gc_enabled=gc_enabled)
    assert (long.variables, long.functions) == (0, 0)
    assert long.retained < step17.ARRAY_BYTES
    assert step17.flat_at_two_graphs(long.peak, short.peak), (short.peak, long.peak)


def test_implementations_load_side_by_side():
    strong, weak = memory.load(STRONG), memory.load(WEAK)
    assert strong is not weak and strong.Variable is not weak.Variable
    assert memory.load(STRONG) is strong  # loaded once


def test_step18_peaks_are_never_below_their_theoretical_minimum():
    dezero = memory.load(MODES)
    peaks = {}
    for (run, switch), (what, arrays, _) in step18.CASES.items():
        peaks[what] = memory.peak_memory(run, dezero, switch)
        assert peaks[what] >= arrays * step18.BIG_SIZE * 8, what
    assert peaks["forward under no_grad()"] < peaks["forward, graph kept"]
    assert (peaks["forward+backward, retain_grad=False"]
            < peaks["forward+backward, retain_grad=True"])



def test_step61_checkpoints_keep_a_segment_input_each_and_cut_the_peak():
    dezero = memory.load(memory.Impl(61, "solutions"))
    depth = max(step61.DEEP_DEPTHS)
    every = step61.checkpoint_every(depth)
    plain = step61.measure_deep(dezero, depth, 0)
    cut = step61.measure_deep(dezero, depth, every)
    tail = 3  # h * h, sum, / batch: the loss after the last block
    assert plain.functions == 2 * depth + tail  # every block's Linear and Tanh
    assert cut.functions == depth // every + tail  # one Checkpoint a segment
    block_values = 2 * step61.DEEP_BATCH * step61.DEEP_WIDTH * 8  # Linear's and tanh's
    assert plain.graph_peak >= depth * block_values
    assert cut.graph_peak < 0.3 * plain.graph_peak, (cut.graph_peak, plain.graph_peak)

def test_compared_adds_the_learner_only_when_asked():
    assert [impl.key for impl in bench.compared(17)] == ["step16-solution", "step17-solution"]
    assert [impl.key for impl in bench.compared(18, learner=True)] == [
        "step18-solution", "step18-yours"]
    assert len({impl.module_name for impl in bench.compared(17, learner=True)}) == 3


@pytest.mark.parametrize("returncode, left_out", [(0, False), (1, True)])
def test_the_learner_is_measured_only_when_its_tests_pass(monkeypatch, tmp_path, returncode,
                                                          left_out):
    (tmp_path / "dezero.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(memory, "impl_dir", lambda step, impl: tmp_path)
    ran = []
    monkeypatch.setattr(memory.subprocess, "run", lambda command, **options: ran.append(
        command) or subprocess.CompletedProcess(command, returncode))
    reason = memory.learner_left_out(17)
    assert "--step=17" in ran[0] and "--impl=steps" in ran[0]
    assert (reason is not None) == left_out
    if left_out:
        assert "left out" in reason and "make test STEP=17" in reason and "\n" not in reason


def test_a_missing_learner_file_is_left_out_without_running_tests(monkeypatch, tmp_path):
    monkeypatch.setattr(memory, "impl_dir", lambda step, impl: tmp_path)
    monkeypatch.setattr(memory.subprocess, "run", None)  # must not be called
    assert "there is no" in memory.learner_left_out(17)
