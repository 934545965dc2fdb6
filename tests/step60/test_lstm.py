"""Step 60: L.LSTM against its equations written with NumPy, its gradient through time
against a numerical one, reset_state, and truncated backprop through both states (h and c)."""

import numpy as np

from kata import checks, leaks
from tests.time_series import recurrent_model, train_bptt

GATES = ("f", "i", "o", "u")


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def numpy_lstm(xs, weights):
    """The hidden states over xs, from no state. weights[g] = (Wx, b, Wh) for each gate g."""
    h = c = None
    states = []
    for x in xs:
        pre = {}
        for g, (Wx, b, Wh) in weights.items():
            pre[g] = x @ Wx + b + (0 if h is None else h @ Wh)
        f, i, o, u = sigmoid(pre["f"]), sigmoid(pre["i"]), sigmoid(pre["o"]), np.tanh(pre["u"])
        c = i * u if c is None else f * c + i * u
        h = o * np.tanh(c)
        states.append(h)
    return states


def weights_of(lstm):
    return {g: (getattr(lstm, f"x2{g}").W.data, getattr(lstm, f"x2{g}").b.data,
                getattr(lstm, f"h2{g}").W.data) for g in GATES}


def inputs(steps=3, batch=2, size=3, seed=0):
    return list(checks.seeded(seed).standard_normal((steps, batch, size)))


def test_the_states_follow_the_equations(dezero, global_seed):
    xs = inputs()
    global_seed(0)
    lstm = dezero.layers.LSTM(4)
    hs = [lstm(x) for x in xs]
    expected = numpy_lstm(xs, weights_of(lstm))
    for step, (h, e) in enumerate(zip(hs, expected), start=1):
        checks.close(h, e, f"L.LSTM(4) at step {step} of 3: h = o * tanh(c), c = f * c_prev "
                     f"+ i * u (the first step: c = i * u, and no h_prev terms)",
                     rtol=1e-5, atol=1e-6)
    checks.is_true(lstm.h is hs[-1], "lstm.h after a call: the output itself, kept")


def test_layers_and_parameters(dezero):
    lstm = dezero.layers.LSTM(4, in_size=3)
    for g in GATES:
        checks.equal(getattr(lstm, f"x2{g}").W.shape, (3, 4), f"L.LSTM(4, in_size=3).x2{g}.W")
        checks.equal(getattr(lstm, f"h2{g}").W.shape, (4, 4), f"L.LSTM(4, in_size=3).h2{g}.W")
        checks.is_true(getattr(lstm, f"h2{g}").b is None, f"L.LSTM's h2{g} has no bias")
    checks.equal(len(list(lstm.params())), 12, "L.LSTM's parameters (4 x2* W and b, 4 h2* W)")


def test_reset_state_forgets_h_and_c(dezero, global_seed):
    xs = inputs()
    global_seed(0)
    lstm = dezero.layers.LSTM(4)
    for x in xs:
        lstm(x)
    lstm.reset_state()
    checks.is_true(lstm.h is None and lstm.c is None, "lstm.h and lstm.c after "
                   "reset_state(): expected None, None")
    h = lstm(xs[0])
    checks.close(h, numpy_lstm(xs[:1], weights_of(lstm))[0], "L.LSTM's first call after "
                 "reset_state(): as if it were new", rtol=1e-5, atol=1e-6)


def test_backprop_through_time(dezero, global_seed):
    xs = inputs(steps=3, batch=2, size=2, seed=1)
    global_seed(1)
    lstm = dezero.layers.LSTM(3, in_size=2)
    for param in lstm.params():
        param.data = param.data.astype(np.float64)  # central differences want float64
    for x in xs:
        h = lstm(x)
    lstm.cleargrads()
    dezero.functions.sum(h).backward()
    weights = weights_of(lstm)
    for g in ("f", "u"):  # a sigmoid gate and the tanh input
        for k, name in ((0, f"x2{g}.W"), (2, f"h2{g}.W")):
            def state_sum(v, g=g, k=k):
                changed = dict(weights)
                changed[g] = tuple(v if j == k else w for j, w in enumerate(weights[g]))
                return numpy_lstm(xs, changed)[-1]

            layer, attr = name.split(".")
            param = getattr(getattr(lstm, layer), attr)
            checks.close(param.grad, checks.numerical_grad(state_sum, param.data),
                         f"{name}.grad after sum(h).backward(), h the third state of "
                         f"L.LSTM(3)", rtol=1e-5, atol=1e-8)


def test_truncated_backprop_cuts_both_states(dezero, global_seed):
    """Both h and c carry the graph from step to step: unchain_backward must reach both."""
    global_seed(0)
    train = dezero.datasets.SinCurve(train=True)
    loader = dezero.SeqDataLoader(train, batch_size=10)
    batches = [next(loader) for _ in range(30)]
    counts = []
    with leaks.no_cycles(dezero, "BetterRNN(5) over 30 batches, bptt_length=10, "
                         "unchain_backward after each window") as probe:
        model = recurrent_model(dezero, "LSTM", 5)
        optimizer = dezero.optimizers.Adam().setup(model)
        train_bptt(dezero, model, optimizer, batches, 10,
                   probe=lambda window: counts.append(probe.new_objects()["Function"]))
        checks.is_true(model.rnn.h.creator is None and model.rnn.c.creator is None,
                       "model.rnn.h.creator and model.rnn.c.creator after a window's "
                       "loss.unchain_backward(): expected None, None")
        del model, optimizer
    checks.is_true(max(counts) <= 2, f"Functions alive after each window of an LSTM "
                   f"trained with unchain_backward: {counts}; expected at most 2")
