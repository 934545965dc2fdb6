"""Step 59's memory lesson: truncated backprop keeps an RNN's graph as long as one window.

An RNN's state h holds, through h.creator, every step it was computed from. Trained the
book's way (backward every bptt_length steps), the graph behind h grows with the whole
sequence, unless loss.unchain_backward() cuts it after each backward. These tests count
the Functions alive after every window, with the cyclic GC off (kata.leaks), so what is
freed is freed by reference counting alone, as soon as the cut is made.
"""

import numpy as np
import pytest

from kata import checks, leaks
from tests.time_series import recurrent_model, train_bptt

GUIDE = "steps/step59/README.md"
STEPS, BPTT, HIDDEN = 60, 10, 4  # 6 windows of 10 steps


def sine_batches(dezero):
    """STEPS points of a sine wave as the book feeds SinCurve: one (1, 1) x at a time, the
    next point as its target (written here, so that these tests need only L.RNN and the
    cut)."""
    curve = np.sin(np.linspace(0, 2 * np.pi, 1000))[:STEPS + 1]
    return [(curve[i].reshape(1, 1), curve[i + 1:i + 2]) for i in range(STEPS)]


def functions_after_each_window(dezero, unchain):
    """Train one pass with the cyclic GC off; the live Functions after each window."""
    what = (f"SimpleRNN({HIDDEN}) trained over {STEPS} steps, bptt_length={BPTT}, "
            f"unchain_backward {'after each window' if unchain else 'never'}")
    np.random.seed(0)  # put back after the test by the kata plugin
    batches = sine_batches(dezero)
    counts = []
    with leaks.no_cycles(dezero, what, GUIDE) as probe:
        model = recurrent_model(dezero, "RNN", HIDDEN)
        optimizer = dezero.optimizers.Adam().setup(model)
        train_bptt(dezero, model, optimizer, batches, BPTT, unchain=unchain,
                   probe=lambda window: counts.append(probe.new_objects()["Function"]))
        del model, optimizer  # the graph, cut or not, goes with the model: no cycles
    return counts


@pytest.mark.explains("unchain_backward must cut")
def test_unchained_the_graph_stays_one_window_long(dezero):
    counts = functions_after_each_window(dezero, unchain=True)
    checks.equal(len(counts), STEPS // BPTT, "windows trained")
    checks.is_true(max(counts) <= 2, f"Functions alive after each window's "
                   f"loss.unchain_backward() and update, over {len(counts)} windows: "
                   f"{counts}; expected at most 2 (the loss's own creator, and nothing the "
                   f"RNN's state drags along): unchain_backward must cut every Variable "
                   f"of the graph from its creator")


def test_without_unchain_the_graph_grows_with_the_sequence(dezero):
    counts = functions_after_each_window(dezero, unchain=False)
    growth = np.diff(counts)
    checks.is_true(counts[0] > 20 and np.all(growth > 0.8 * counts[0]),
                   f"Functions alive after each window, never unchained: {counts}; "
                   f"expected each window to add about as many as the first has (every step "
                   f"stays attached to the state h)")


@pytest.mark.parametrize("unchain", [True, False], ids=["unchained", "kept"])
def test_the_state_is_where_the_graph_hangs(dezero, global_seed, unchain):
    """After a window, rnn.h's creator is cut (or not): the next window starts from a leaf."""
    global_seed(0)
    batches = sine_batches(dezero)[:BPTT]
    model = recurrent_model(dezero, "RNN", HIDDEN)
    optimizer = dezero.optimizers.Adam().setup(model)
    train_bptt(dezero, model, optimizer, batches, BPTT, unchain=unchain)
    h = model.rnn.h
    if unchain:
        checks.is_true(h.creator is None, "model.rnn.h.creator after a window and "
                       "loss.unchain_backward(): expected None (h is an input of fc, in the "
                       "loss's graph)")
    else:
        checks.is_true(h.creator is not None, "model.rnn.h.creator after a window without "
                       "unchain_backward(): the state still carries its graph")
