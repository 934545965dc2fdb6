"""Step 42: F.mean_squared_error(x0, x1) (MeanSquaredError), one function in the graph.

Values against NumPy's, gradients against numerical ones for many shapes (Hypothesis,
tests/properties.py), and the graph it leaves: one function, holding only its two inputs.
"""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from kata import checks
from tests.properties import SETTINGS, array, check_grad, seeds, shapes


def reference(x0, x1):
    """sum((x0 - x1) ** 2) / N, N the number of rows (the first axis)."""
    return np.sum((x0 - x1) ** 2) / len(x0)


def test_a_small_example(dezero):
    x0 = dezero.Variable(np.array([[1.0], [2.0], [4.0]]))
    x1 = dezero.Variable(np.array([[1.0], [0.0], [1.0]]))
    loss = dezero.functions.mean_squared_error(x0, x1)
    checks.close(loss, (0 + 4 + 9) / 3, "F.mean_squared_error for 3 rows with differences "
                 "0, 2, 3: (0 + 4 + 9) / 3")
    checks.equal(loss.shape, (), "F.mean_squared_error(x0, x1).shape: a 0-d loss")
    loss.backward()
    checks.close(x0.grad, [[0.0], [4 / 3], [2.0]], "x0.grad: 2 (x0 - x1) / N")
    checks.close(x1.grad, [[0.0], [-4 / 3], [-2.0]], "x1.grad: -2 (x0 - x1) / N")


def test_over_shapes(dezero):
    F = dezero.functions

    @SETTINGS
    @given(shape=shapes(min_dims=1), seed=seeds())
    def check(shape, seed):
        x0, x1 = array(shape, seed), array(shape, seed + 1)
        checks.close(F.mean_squared_error(dezero.Variable(x0), dezero.Variable(x1)),
                     reference(x0, x1), f"F.mean_squared_error for inputs of shape {shape}")
        check_grad(dezero, F.mean_squared_error, [x0, x1], "F.mean_squared_error(x0, x1)")
    check()


def test_ndarray_and_variable_operands(dezero):
    y = array((5, 1), seed=2)
    y_pred = dezero.Variable(array((5, 1), seed=3))
    loss = dezero.functions.mean_squared_error(y, y_pred)  # the book's order: data first
    checks.close(loss, reference(y, y_pred.data), "F.mean_squared_error(ndarray, Variable)")
    loss.backward()
    checks.close(y_pred.grad, -2 * (y - y_pred.data) / 5, "y_pred.grad after "
                 "F.mean_squared_error(y, y_pred).backward()")


def test_it_is_one_function_in_the_graph(dezero):
    x0, x1 = dezero.Variable(array((4, 2), seed=4)), dezero.Variable(array((4, 2), seed=5))
    loss = dezero.functions.mean_squared_error(x0, x1)
    creator = loss.creator
    checks.is_true(creator is not None, "F.mean_squared_error(x0, x1).creator is None")
    checks.equal(type(creator).__name__, "MeanSquaredError",
                 "the function that made the loss (one MeanSquaredError, not sub, pow, sum "
                 "and div: those would keep their intermediate arrays in the graph)")
    checks.is_true(creator.inputs[0] is x0 and creator.inputs[1] is x1,
                   "MeanSquaredError's inputs should be x0 and x1 themselves")


def test_float32_stays_float32(dezero):
    @SETTINGS
    @given(rows=st.integers(1, 5), seed=seeds())
    def check(rows, seed):
        x0 = dezero.Variable(array((rows, 1), seed, dtype=np.float32))
        x1 = dezero.Variable(array((rows, 1), seed + 1, dtype=np.float32))
        loss = dezero.functions.mean_squared_error(x0, x1)
        checks.equal(loss.dtype, np.float32, "F.mean_squared_error's dtype for float32 inputs")
        loss.backward()
        checks.equal(x0.grad.dtype, np.float32, "x0.grad's dtype for float32 inputs")
    check()
