"""Step 47: F.softmax_simple and F.softmax(x, axis=1): probabilities that sum to 1 along
the axis; F.softmax is computed from x - max, so that large scores cannot overflow."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kata import checks
from tests.properties import SETTINGS, array, check_grad, seeds


def closed_form(x, axis=1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@pytest.mark.parametrize("name", ["softmax_simple", "softmax"])
def test_values(dezero, F, name):
    x = array((3, 4), seed=3)
    y = getattr(F, name)(dezero.Variable(x))
    checks.close(y, closed_form(x), f"F.{name}(x) for x of shape (3, 4): exp(x) / the sum of "
                 f"exp(x) along axis 1, row by row")
    checks.close(y.data.sum(axis=1), np.ones(3), f"the rows of F.{name}(x): they sum to 1")
    checks.close(getattr(F, name)(x, axis=0), closed_form(x, axis=0), f"F.{name}(x, axis=0): "
                 f"along the columns")


def test_large_scores_do_not_overflow(dezero, F):
    x = np.array([[1000.0, 0.0, -1000.0], [1e4, 1e4, 0.0]])  # exp(1000) is inf in float64
    y = F.softmax(dezero.Variable(x))
    checks.is_true(np.all(np.isfinite(y.data)), f"F.softmax(x) for scores of 1000 and "
                   f"10000: every value finite (exp overflows: compute exp(x - max)); got "
                   f"{checks.show(y.data)}")
    checks.close(y, [[1.0, 0.0, 0.0], [0.5, 0.5, 0.0]], "F.softmax([[1000, 0, -1000], "
                 "[1e4, 1e4, 0]])")
    y.grad = dezero.Variable(np.array([[1.0, 2.0, 3.0], [1.0, -1.0, 0.0]]))
    xv = y.creator.inputs[0]
    y.backward()
    checks.close(xv.grad, [[0.0, 0.0, 0.0], [0.5, -0.5, 0.0]], "the gradient of F.softmax at "
                 "those scores (y * gy - y * sum(y * gy)): finite", atol=1e-12)


def test_gradients_over_shapes(dezero, F):
    @SETTINGS
    @given(st.integers(1, 4), st.integers(1, 5), seeds())
    def check(n, classes, seed):
        check_grad(dezero, F.softmax, [array((n, classes), seed, low=-5, high=5)],
                   "F.softmax(x)")

    check()


def test_gradients_along_any_axis(dezero, F):
    @SETTINGS
    @given(st.integers(-3, 2), seeds())
    def check(axis, seed):
        check_grad(dezero, lambda x: F.softmax(x, axis=axis), [array((2, 3, 4), seed)],
                   f"F.softmax(x, axis={axis})")

    check()


def test_softmax_simple_differentiates_too(dezero, F):
    check_grad(dezero, F.softmax_simple, [array((3, 4), seed=4)], "F.softmax_simple(x)")


def test_float32_stays_float32(dezero, F):
    x = dezero.Variable(array((2, 3), seed=5, dtype=np.float32))
    y = F.softmax(x)
    (y * dezero.Variable(np.arange(6, dtype=np.float32).reshape(2, 3))).backward()
    checks.equal(y.dtype, np.dtype(np.float32), "the dtype of F.softmax(x), x float32")
    checks.equal(x.grad.dtype, np.dtype(np.float32), "the dtype of x.grad, y = F.softmax(x), "
                 "x float32")
