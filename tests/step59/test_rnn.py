"""Step 59: L.RNN against the formula h = tanh(x W_x + b + h_prev W_h) written with NumPy,
its gradient through time against a numerical one, reset_state, and the order in which its
weights are drawn from np.random (the book's, so that seeded scripts give the book's
numbers)."""

import numpy as np
import pytest

from kata import checks
from tests.time_series import recurrent_model, train_bptt

EAGER = "drawn when the RNN was built"


def numpy_rnn(xs, Wx, b, Wh):
    """The hidden states of an RNN over the inputs xs, from no state."""
    h, states = None, []
    for x in xs:
        a = x @ Wx + b
        h = np.tanh(a if h is None else a + h @ Wh)
        states.append(h)
    return states


def inputs(steps=4, batch=2, size=3, seed=0):
    return list(checks.seeded(seed).standard_normal((steps, batch, size)))


def weights(rnn):
    return rnn.x2h.W.data, rnn.x2h.b.data, rnn.h2h.W.data


def test_the_first_call_has_no_previous_state(dezero, global_seed):
    global_seed(0)
    rnn = dezero.layers.RNN(5)
    x = inputs()[0]
    h = rnn(x)
    Wx, b, _ = weights(rnn)
    checks.close(h, np.tanh(x @ Wx + b), "L.RNN(5)(x), the first call: tanh(x W_x + b) "
                 "(x2h alone: there is no h yet)", rtol=1e-5, atol=1e-6)
    checks.is_true(rnn.h is h, "rnn.h after a call: the output itself, kept as the state")


def test_later_calls_add_the_previous_state(dezero, global_seed):
    xs = inputs()
    global_seed(0)
    rnn = dezero.layers.RNN(5)
    hs = [rnn(x) for x in xs]
    expected = numpy_rnn(xs, *weights(rnn))
    for step, (h, e) in enumerate(zip(hs, expected), start=1):
        checks.close(h, e, f"L.RNN(5) at step {step} of 4: tanh(x W_x + b + h_prev W_h)",
                     rtol=1e-5, atol=1e-6)


def test_reset_state_starts_a_new_sequence(dezero, global_seed):
    xs = inputs()
    global_seed(0)
    rnn = dezero.layers.RNN(5)
    for x in xs:
        rnn(x)
    rnn.reset_state()
    checks.is_true(rnn.h is None, "rnn.h after reset_state(): expected None")
    h = rnn(xs[0])
    Wx, b, _ = weights(rnn)
    checks.close(h, np.tanh(xs[0] @ Wx + b), "L.RNN's first call after reset_state(): as "
                 "if it were new", rtol=1e-5, atol=1e-6)


def test_in_size_given_makes_both_weights(dezero):
    rnn = dezero.layers.RNN(4, in_size=3)
    checks.equal(rnn.x2h.W.shape, (3, 4), "L.RNN(4, in_size=3).x2h.W's shape")
    checks.equal(rnn.h2h.W.shape, (4, 4), "L.RNN(4, in_size=3).h2h.W's shape: h2h reads the "
                 "hidden state (4), not the input (the book passes in_size to h2h too)")
    checks.is_true(rnn.h2h.b is None, "L.RNN's h2h has no bias (x2h's serves)")
    xs = inputs(size=3)
    for x in xs[:2]:
        h = rnn(x)
    checks.equal(h.shape, (2, 4), "L.RNN(4, in_size=3)'s output at the second step")
    checks.equal(len(list(rnn.params())), 3, "L.RNN's parameters (x2h.W, x2h.b, h2h.W)")


def test_backprop_through_time(dezero, global_seed):
    """The gradient of the last state's sum reaches every weight through every step."""
    xs = inputs(steps=3, batch=2, size=2, seed=1)
    global_seed(1)
    rnn = dezero.layers.RNN(3, in_size=2)
    rnn.h2h.W.data = rnn.h2h.W.data.astype(np.float64)  # central differences want float64
    rnn.x2h.W.data = rnn.x2h.W.data.astype(np.float64)
    rnn.x2h.b.data = rnn.x2h.b.data.astype(np.float64)
    for x in xs:
        h = rnn(x)
    rnn.cleargrads()
    dezero.functions.sum(h).backward()
    Wx, b, Wh = weights(rnn)
    cases = {"x2h.W": (rnn.x2h.W, lambda v: numpy_rnn(xs, v, b, Wh)[-1]),
             "x2h.b": (rnn.x2h.b, lambda v: numpy_rnn(xs, Wx, v, Wh)[-1]),
             "h2h.W": (rnn.h2h.W, lambda v: numpy_rnn(xs, Wx, b, v)[-1])}
    for name, (param, f) in cases.items():
        checks.close(param.grad, checks.numerical_grad(f, param.data), f"{name}.grad after "
                     f"sum(h).backward(), h the third state of L.RNN(3)", rtol=1e-5, atol=1e-8)


@pytest.mark.explains(EAGER)
def test_h2h_draws_its_weights_at_its_first_call(dezero, global_seed):
    """The book's SimpleRNN (L.RNN(4), then L.Linear(1)) draws, after the seed: x2h's W and
    fc's W at the first call, h2h's W at the second (its first). A seeded script relies on
    that order for the book's numbers."""
    global_seed(0)
    model = recurrent_model(dezero, "RNN", 4)
    checks.is_true(model.rnn.h2h.W.data is None, "L.RNN(4).h2h.W.data before any call: "
                   f"expected None, got an array: h2h's W was {EAGER}, so every later draw "
                   "comes out of order (leave h2h's in_size out when in_size is None: "
                   "Linear reads the size from h at h2h's first call)")
    x = np.array([[0.5]])
    model(x)
    model(x)
    global_seed(0)
    draws = {"rnn.x2h.W": np.random.randn(1, 4), "fc.W": np.random.randn(4, 1),
             "rnn.h2h.W": np.random.randn(4, 4)}
    layers = {"rnn.x2h.W": model.rnn.x2h, "fc.W": model.fc, "rnn.h2h.W": model.rnn.h2h}
    for number, (name, draw) in enumerate(draws.items(), start=1):
        checks.close(layers[name].W.data, draw * np.sqrt(1 / draw.shape[0]),
                     f"model.{name} after two calls of the book's SimpleRNN(4): draw "
                     f"{number} of 3 from np.random after the seed, times sqrt(1 / in_size)",
                     rtol=1e-6, atol=1e-7)


def test_a_seeded_run_gives_the_books_losses(dezero, global_seed):
    """Three passes of the book's SimpleRNN(10) over 60 points of a sine wave (windows of
    10, Adam) after np.random.seed(0); the losses are those the book's own package prints
    for the same run (NumPy 1.26; NumPy 2 agrees to 1e-6)."""
    curve = np.sin(np.linspace(0, 2 * np.pi, 1000))[:61]
    batches = [(curve[i].reshape(1, 1), curve[i + 1:i + 2]) for i in range(60)]
    global_seed(0)
    model = recurrent_model(dezero, "RNN", 10)
    optimizer = dezero.optimizers.Adam().setup(model)
    losses = [train_bptt(dezero, model, optimizer, batches, 10) for _ in range(3)]
    checks.close(losses, [0.002567271351897099, 0.0008151817692256455,
                          0.0006940833730021158],
                 "the mean losses of 3 seeded passes of SimpleRNN(10) (the book's numbers: "
                 "other ones mean the weights were drawn in another order, or that backward "
                 "went on past the window: the graph was not cut)", rtol=1e-5)
