"""Step 38: F.reshape and F.transpose, and the methods Variable.reshape, .transpose and .T.

Values against NumPy's, and gradients against numerical ones over many shapes and axis
orders (Hypothesis, tests/properties.py). Neither function changes a number: backward only
puts the gradient back into the input's shape (reshape) or axis order (transpose).
"""

import numpy as np
from hypothesis import given

from kata import checks
from tests.properties import SETTINGS, array, check_grad, permuted, reshaped, seeds

X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])


def test_the_books_reshape(dezero):
    F = dezero.functions
    x = dezero.Variable(X.copy())
    y = F.reshape(x, (6,))
    checks.close(y, X.reshape(6), "F.reshape(x, (6,)) for x of shape (2, 3)")
    y.backward()
    checks.close(x.grad, np.ones((2, 3)), "x.grad after F.reshape(x, (6,)).backward(): ones "
                 "in x's shape (2, 3)")


def test_reshape_over_shapes(dezero):
    F = dezero.functions

    @SETTINGS
    @given(shapes=reshaped(), seed=seeds())
    def check(shapes, seed):
        shape, new_shape = shapes
        data = array(shape, seed)
        checks.close(F.reshape(dezero.Variable(data), new_shape), data.reshape(new_shape),
                     f"F.reshape(x, {new_shape}) for x of shape {shape}")
        check_grad(dezero, lambda x: F.reshape(x, new_shape), [data],
                   f"F.reshape(x, {new_shape})")
    check()


def test_reshape_to_its_own_shape_is_x_itself(dezero):
    x = dezero.Variable(X.copy())
    checks.is_true(dezero.functions.reshape(x, (2, 3)) is x,
                   "F.reshape(x, x.shape) should return x itself: nothing to reshape, no "
                   "function to record")
    x1 = dezero.Variable(X[0].copy())
    for call, v in [("x.reshape(2, 3)", x), ("x.reshape((2, 3))", x), ("x.reshape(3)", x1),
                    ("x.reshape((3,))", x1)]:
        checks.is_true(eval(call, {"x": v}) is v, f"{call} for x of shape {v.shape} should "
                       f"return x itself, as F.reshape(x, x.shape) does: the method passes "
                       f"the shape on as a tuple (a single int n is the shape (n,))")


def test_the_method_reshape_takes_the_shape_both_ways(dezero):
    for call, shape in [("x.reshape(3, 2)", (3, 2)), ("x.reshape((3, 2))", (3, 2)),
                        ("x.reshape([3, 2])", (3, 2)), ("x.reshape(-1)", (6,)),
                        ("x.reshape(1, -1)", (1, 6))]:
        x = dezero.Variable(X.copy())
        y = eval(call, {"x": x})
        checks.instance(y, dezero.Variable, call)
        checks.close(y, X.reshape(shape), call)
        y.backward()
        checks.close(x.grad, np.ones((2, 3)), f"x.grad after {call}.backward()")


def test_the_books_transpose(dezero):
    F = dezero.functions
    x = dezero.Variable(X.copy())
    y = F.transpose(x)
    checks.close(y, X.T, "F.transpose(x) for x of shape (2, 3)")
    y.backward()
    checks.close(x.grad, np.ones((2, 3)), "x.grad after F.transpose(x).backward(): ones in "
                 "x's shape (2, 3)")


def test_transpose_over_shapes_and_axis_orders(dezero):
    F = dezero.functions

    @SETTINGS
    @given(shape_axes=permuted(), seed=seeds())
    def check(shape_axes, seed):
        shape, axes = shape_axes
        data = array(shape, seed)
        checks.close(F.transpose(dezero.Variable(data), axes), np.transpose(data, axes),
                     f"F.transpose(x, {axes}) for x of shape {shape}")
        check_grad(dezero, lambda x: F.transpose(x, axes), [data], f"F.transpose(x, {axes})")
        check_grad(dezero, lambda x: F.transpose(x), [data], "F.transpose(x)")
    check()


def test_transpose_with_negative_axes(dezero):
    F = dezero.functions
    data = array((2, 3, 4), seed=3)
    axes = (-1, 0, -2)  # (2, 0, 1): the inverse order is (1, 2, 0)
    checks.close(F.transpose(dezero.Variable(data), axes), np.transpose(data, axes),
                 f"F.transpose(x, {axes}) for x of shape (2, 3, 4)")
    check_grad(dezero, lambda x: F.transpose(x, axes), [data], f"F.transpose(x, {axes})")


def check_method_call(dezero, call, data, axes):
    """`call` (x.transpose(...) or x.T) on a Variable x of data: its value against
    np.transpose(data, axes), its backward against a numerical gradient. An error names the
    call and what its arguments mean."""
    __tracebackhide__ = True
    what = f"{call} for x of shape {data.shape}"
    try:
        y = eval(call, {"x": dezero.Variable(data.copy())})
        checks.instance(y, dezero.Variable, what)
        checks.close(y, np.transpose(data, axes), what)
        check_grad(dezero, lambda v: eval(call, {"x": v}), [data], call)
    except (TypeError, ValueError, IndexError, np.exceptions.AxisError) as error:
        checks.fail(f"{what} raised {type(error).__name__}: {error}. As with ndarrays, "
                    f"x.transpose() and x.transpose(None) reverse the axes, and the axes can "
                    f"be given one by one or as one tuple or list: {call} means axes={axes}")


def test_the_method_transpose_and_T(dezero):
    data = array((2, 3, 4), seed=4)
    for call, axes in [("x.transpose()", None), ("x.T", None), ("x.transpose(None)", None),
                       ("x.transpose(1, 0, 2)", (1, 0, 2)),
                       ("x.transpose((2, 0, 1))", (2, 0, 1)),
                       ("x.transpose([0, 2, 1])", (0, 2, 1))]:
        check_method_call(dezero, call, data, axes)


def test_transpose_of_a_1d_variable(dezero):
    """A 1-D x has one axis: every transpose leaves it as it is, and so does backward."""
    checks.close(dezero.functions.transpose(dezero.Variable(X[0]), None), X[0],
                 "F.transpose(x, None) for x of shape (3,)")
    data = array((3,), seed=5)
    for call, axes in [("x.transpose()", None), ("x.T", None), ("x.transpose(None)", None),
                       ("x.transpose(0)", (0,)), ("x.transpose((0,))", (0,)),
                       ("x.transpose(-1)", (-1,))]:
        check_method_call(dezero, call, data, axes)


def test_float32_stays_float32(dezero):
    x = dezero.Variable(X.astype(np.float32))
    y = x.reshape(3, 2).T
    checks.equal(y.dtype, np.float32, "x.reshape(3, 2).T's dtype for float32 x")
    y.backward()
    checks.equal(x.grad.dtype, np.float32, "x.grad's dtype after x.reshape(3, 2).T.backward()")
