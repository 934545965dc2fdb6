"""Step 39: F.sum(x, axis=None, keepdims=False), Variable.sum, utils.reshape_sum_backward.

Values against np.sum and gradients against numerical ones, for many shapes, axes (None,
an int, negative ones, tuples) and keepdims (Hypothesis, tests/properties.py).
"""

import numpy as np
from hypothesis import given

from kata import checks
from tests.properties import SETTINGS, array, check_grad, seeds, shape_and_axis

X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])


def test_the_books_example(dezero):
    F = dezero.functions
    x = dezero.Variable(X.copy())
    y = F.sum(x, axis=0)
    checks.close(y, [5.0, 7.0, 9.0], "F.sum(x, axis=0) for x = [[1, 2, 3], [4, 5, 6]]")
    y.backward()
    checks.close(x.grad, np.ones((2, 3)), "x.grad after F.sum(x, axis=0).backward(): ones in "
                 "x's shape")
    checks.close(F.sum(dezero.Variable(X.copy())), 21.0, "F.sum(x): all elements")
    kept = F.sum(dezero.Variable(X.copy()), keepdims=True)
    checks.equal(kept.shape, (1, 1), "F.sum(x, keepdims=True).shape for x of shape (2, 3)")


def test_sum_over_shapes_axes_and_keepdims(dezero):
    F = dezero.functions

    @SETTINGS
    @given(case=shape_and_axis(), seed=seeds())
    def check(case, seed):
        shape, axis, keepdims = case
        data = array(shape, seed)
        call = f"F.sum(x, axis={axis}, keepdims={keepdims})"
        y = F.sum(dezero.Variable(data), axis=axis, keepdims=keepdims)
        checks.close(y, np.sum(data, axis=axis, keepdims=keepdims),
                     f"{call} for x of shape {shape}")
        check_grad(dezero, lambda x: F.sum(x, axis=axis, keepdims=keepdims), [data], call)
    check()


def test_the_method_sum(dezero):
    for call, axis, keepdims in [("x.sum()", None, False), ("x.sum(axis=1)", 1, False),
                                 ("x.sum(0, True)", 0, True),
                                 ("x.sum(axis=(0, 1), keepdims=True)", (0, 1), True)]:
        x = dezero.Variable(X.copy())
        y = eval(call, {"x": x})
        checks.instance(y, dezero.Variable, call)
        checks.close(y, np.sum(X, axis=axis, keepdims=keepdims), call)
        y.backward()
        checks.close(x.grad, np.ones((2, 3)), f"x.grad after {call}.backward()")


def test_reshape_sum_backward_lines_gy_up_with_x(dezero):
    utils = dezero.utils

    @SETTINGS
    @given(case=shape_and_axis(), seed=seeds())
    def check(case, seed):
        shape, axis, keepdims = case
        summed = np.sum(np.zeros(shape), axis=axis, keepdims=keepdims).shape
        kept = np.sum(np.zeros(shape), axis=axis, keepdims=True).shape
        gy_data = array(summed, seed)
        call = (f"utils.reshape_sum_backward(gy, x_shape={shape}, axis={axis}, "
                f"keepdims={keepdims}) for gy of shape {summed}")
        got = utils.reshape_sum_backward(dezero.Variable(gy_data), shape, axis, keepdims)
        checks.instance(got, dezero.Variable, call)
        try:
            spread = np.broadcast_to(got.data, shape)
        except ValueError:
            checks.fail(f"{call}: got shape {got.shape}, which does not broadcast to x's "
                        f"shape {shape} (the summed axes need a 1 in their place: {kept})")
        checks.close(spread, np.broadcast_to(gy_data.reshape(kept), shape),
                     f"{call}, broadcast to x's shape: each element of x gets the gy of its "
                     f"sum")
    check()


def test_float32_stays_float32(dezero):
    x = dezero.Variable(X.astype(np.float32))
    y = dezero.functions.sum(x, axis=1)
    checks.equal(y.dtype, np.float32, "F.sum(x, axis=1)'s dtype for float32 x")
    y.backward()
    checks.equal(x.grad.dtype, np.float32, "x.grad's dtype after F.sum(x, axis=1).backward()")
