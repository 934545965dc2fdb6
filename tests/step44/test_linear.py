"""Step 44: L.Linear(out_size, nobias=False, dtype=np.float32, in_size=None): y = x W + b,
with W made on the first call when in_size is not given."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kata import checks
from tests.properties import SETTINGS, array, seeds

FIRST_LOSS = 0.8165178492839196  # the book's first printed loss: variable(0.8165178492839196)
LOSS_AT_300 = 0.2519741919244196  # what the reference gives after 300 iterations


def test_the_parameters_and_their_shapes(dezero, L):
    layer = L.Linear(3, in_size=4)
    checks.instance(layer, dezero.Layer, "L.Linear(3, in_size=4)")
    checks.equal(layer.W.shape, (4, 3), "layer.W.shape for L.Linear(3, in_size=4): "
                 "(in_size, out_size)")
    checks.equal(layer.b.shape, (3,), "layer.b.shape for L.Linear(3, in_size=4)")
    checks.close(layer.b.data, np.zeros(3), "layer.b for L.Linear(3, ...): it starts at zero")
    for name in ("W", "b"):
        param = getattr(layer, name)
        checks.instance(param, dezero.Parameter, f"layer.{name} of L.Linear(3, in_size=4)")
        checks.equal(param.name, name, f"layer.{name}.name (the name in a graph's picture)")
    checks.equal(sorted(p.name for p in layer.params()), ["W", "b"],
                 "the names of the Parameters layer.params() gives for L.Linear(3, in_size=4)")


def test_forward_is_x_times_w_plus_b(dezero, L):
    rng = checks.seeded()
    layer = L.Linear(3, dtype=np.float64, in_size=4)
    layer.b.data = rng.standard_normal(3)
    x = rng.standard_normal((5, 4))
    y = layer(x)
    checks.close(y, x @ layer.W.data + layer.b.data, "L.Linear(3)(x) for x of shape (5, 4): "
                 "x @ W + b")


def test_w_waits_for_the_first_input(dezero, L):
    layer = L.Linear(2)
    checks.is_true(layer.W.data is None, f"layer.W.data of L.Linear(2) before any call: "
                   f"expected None (in_size is not known yet), got {checks.show(layer.W.data)}")
    y = layer(np.ones((3, 5), dtype=np.float32))
    checks.equal(layer.W.shape, (5, 2), "layer.W.shape after L.Linear(2) took an x of shape "
                 "(3, 5): in_size comes from x.shape[1]")
    checks.equal(layer.in_size, 5, "layer.in_size after the first call with x of shape (3, 5)")
    checks.equal(y.shape, (3, 2), "the shape of L.Linear(2)(x), x of shape (3, 5)")
    W = layer.W.data.copy()
    layer(np.ones((4, 5), dtype=np.float32))
    checks.close(layer.W.data, W, "layer.W after a second call: it is made once, not again")


def test_w_is_drawn_as_the_book_draws_it(dezero, L, global_seed):
    global_seed(0)
    layer = L.Linear(3, in_size=4)
    global_seed(0)
    expected = np.random.randn(4, 3).astype(np.float32) * np.float32(np.sqrt(1 / 4))
    checks.equal(layer.W.dtype, np.dtype(np.float32), "layer.W.dtype for L.Linear(3, "
                 "in_size=4) (dtype=np.float32): in NumPy 2, float32 times the float64 "
                 "np.sqrt(1 / in_size) is float64, so scale with a float32 (or cast after)")
    checks.close(layer.W.data, expected, "layer.W after np.random.seed(0); L.Linear(3, "
                 "in_size=4): np.random.randn(in_size, out_size) * sqrt(1 / in_size)", rtol=1e-6)


def test_nobias(dezero, L):
    layer = L.Linear(2, nobias=True, dtype=np.float64, in_size=3)
    checks.is_true(layer.b is None, f"layer.b of L.Linear(2, nobias=True): expected None, got "
                   f"{checks.show(layer.b)}")
    checks.equal([p.name for p in layer.params()], ["W"], "the Parameters of L.Linear(2, "
                 "nobias=True)")
    x = checks.seeded().standard_normal((4, 3))
    checks.close(layer(x), x @ layer.W.data, "L.Linear(2, nobias=True)(x): x @ W")


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_dtype_holds_through_forward_and_backward(dezero, L, dtype):
    layer = L.Linear(3, dtype=dtype)
    x = dezero.Variable(checks.seeded().standard_normal((2, 4)).astype(dtype))
    y = layer(x)
    y.backward()
    what = f"L.Linear(3, dtype=np.{dtype.__name__}) on an x of that dtype"
    for name, value in (("W", layer.W.data), ("b", layer.b.data), ("y", y.data),
                        ("W.grad", layer.W.grad.data), ("b.grad", layer.b.grad.data),
                        ("x.grad", x.grad.data)):
        checks.equal(value.dtype, np.dtype(dtype), f"the dtype of {name}, {what}")


def test_gradients_over_shapes(dezero, L, F):
    """Numerical gradients of sum(y * w) for a seeded w (ones could hide a missing transpose)."""

    @SETTINGS
    @given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.booleans(), seeds())
    def check(n, in_size, out_size, nobias, seed):
        layer = L.Linear(out_size, nobias=nobias, dtype=np.float64, in_size=in_size)
        if not nobias:
            layer.b.data = array(out_size, seed)
        x_data, w = array((n, in_size), seed + 1), array((n, out_size), seed + 2)
        W, b = layer.W.data.copy(), 0.0 if nobias else layer.b.data.copy()
        x = dezero.Variable(x_data.copy())
        F.sum(layer(x) * w).backward()
        what = f"L.Linear({out_size}, nobias={nobias}, in_size={in_size}) on x of shape " \
               f"({n}, {in_size}), then sum(y * w).backward()"
        expected = {
            "x.grad": checks.numerical_grad(lambda a: (a @ W + b) * w, x_data),
            "W.grad": checks.numerical_grad(lambda a: (x_data @ a + b) * w, W),
        }
        got = {"x.grad": x.grad, "W.grad": layer.W.grad}
        if not nobias:
            expected["b.grad"] = checks.numerical_grad(lambda a: (x_data @ W + a) * w, b)
            got["b.grad"] = layer.b.grad
        for name, grad in got.items():
            checks.close(grad, expected[name], f"{name}, {what}", rtol=1e-5, atol=1e-7)

    check()


def test_the_books_regression_with_two_layers(dezero, L, F, global_seed):
    """The book's script: two Linear layers and a sigmoid fit a noisy sine; 300 of its
    10,000 iterations, with its seed."""
    global_seed(0)
    x = np.random.rand(100, 1)
    y = np.sin(2 * np.pi * x) + np.random.rand(100, 1)
    l1, l2 = L.Linear(10), L.Linear(1)
    losses = []
    for _ in range(300):
        loss = F.mean_squared_error(y, l2(F.sigmoid(l1(x))))
        l1.cleargrads()
        l2.cleargrads()
        loss.backward()
        for layer in (l1, l2):
            for p in layer.params():
                p.data -= 0.2 * p.grad.data
        losses.append(float(loss.data))
    checks.close(losses[0], FIRST_LOSS, "the loss of the book's first iteration (seed 0, "
                 "L.Linear(10), L.Linear(1)): W is drawn when the first x arrives", rtol=1e-6)
    checks.close(losses[-1], LOSS_AT_300, "the loss after 300 iterations of the book's loop "
                 "(lr 0.2)", rtol=1e-5)
