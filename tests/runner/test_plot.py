"""kata.measure.plot: memory over the book's loop, with matplotlib and without it."""

from __future__ import annotations

import argparse
import sys

import numpy as np
import pytest

from kata.layout import UsageError
from kata.measure import memory, plot
from kata.measure.lessons import step17, step59, step61

STEP17 = argparse.Namespace(step="17")


@pytest.fixture
def output(tmp_path, monkeypatch):
    """Where the plot goes (never the real .kata/), and a short loop to keep the test quick."""
    path = tmp_path / "plots" / "step17-memory.png"
    monkeypatch.setattr(step17, "OUTPUT", path)
    monkeypatch.setattr(step17, "PLOT_GRAPHS", 12)
    return path


def test_without_matplotlib_it_says_how_to_install_it_in_one_line(monkeypatch, capsys, output):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now fails
    assert plot.run(STEP17) == 1
    captured = capsys.readouterr()
    assert captured.err == plot.missing() + "\n" and captured.out == ""
    assert captured.err == ("make plot needs matplotlib: "
                            ".venv/bin/python -m pip install --group plot\n")
    assert not output.exists()


def test_with_matplotlib_it_writes_a_png_and_names_it(capsys, output):
    pytest.importorskip("matplotlib")
    assert plot.run(STEP17) == 0
    assert output.read_bytes().startswith(b"\x89PNG")
    assert capsys.readouterr().out.strip().endswith(str(output))


def test_plot_is_for_the_memory_steps_only():
    with pytest.raises(UsageError, match="STEP=17, STEP=59 and STEP=61"):
        plot.run(argparse.Namespace(step="1"))


def test_step59_curves_grow_without_the_cut_and_stay_flat_with_it():
    dezero = memory.load(memory.Impl(59, "solutions"))
    steps = 4 * step59.RNN_BPTT
    kept = step59.rnn_memory_curve(dezero, steps, unchain=False)
    cut = step59.rnn_memory_curve(dezero, steps, unchain=True)
    windows = step59.RNN_BPTT
    # memory at the end of each window (just after its backward): rising without the cut
    kept_ends, cut_ends = kept[windows - 1::windows], cut[windows - 1::windows]
    assert np.all(np.diff(kept_ends) > 0)
    assert cut_ends.max() - cut_ends.min() < 0.2 * (kept_ends[-1] - kept_ends[0])



def test_step61_peaks_grow_with_depth_and_more_slowly_with_checkpoints():
    dezero = memory.load(memory.Impl(61, "solutions"))
    depths = (4, 16)
    plain = step61.deep_peaks(dezero, checkpointed=False, depths=depths)
    cut = step61.deep_peaks(dezero, checkpointed=True, depths=depths)
    assert np.all(cut < plain)
    assert cut[1] - cut[0] < 0.5 * (plain[1] - plain[0])  # about sqrt(N) against N

def test_the_curves_show_step16_growing_and_step17_flat():
    strong = step17.memory_curve(memory.load(memory.Impl(16, "solutions")), 10, gc_enabled=False)
    weak = step17.memory_curve(memory.load(memory.Impl(17, "solutions")), 10, gc_enabled=False)
    assert np.all(np.diff(strong) >= step17.GRAPH_BYTES)  # every graph stays
    assert weak.max() - weak.min() < step17.ARRAY_BYTES  # one graph at a time


def test_learner_code_that_fails_the_loop_is_left_out_in_one_line(monkeypatch, capsys):
    real_load = plot.load

    def load(impl):
        if not impl.solution:
            raise NotImplementedError("TODO(step 17)")
        return real_load(impl)

    monkeypatch.setattr(plot, "load", load)
    lines = step17.curves(graphs=3)
    assert "your step 17 code, GC off" not in lines and len(lines) == 3
    printed = capsys.readouterr().out.splitlines()  # one message, wrapped at words to fit
    assert [line for line in printed if not line.startswith(" ")] == printed[:1]
    assert max(map(len, printed)) <= 100
    assert "left out" in printed[0] and "NotImplementedError" in " ".join(printed)
