"""Step 43: F.linear_simple, F.linear (Linear), F.sigmoid_simple and F.sigmoid (Sigmoid).

Values against NumPy's and gradients against numerical ones for many shapes (Hypothesis,
tests/properties.py), with and without a bias; what each leaves in the graph (the lesson
of the _simple versions); sigmoid on inputs where a naive exp overflows.
"""

import warnings

import numpy as np
from hypothesis import given

from kata import checks
from tests.properties import SETTINGS, array, check_grad, matmul_shapes, seeds, shapes

LINEARS = ("linear", "linear_simple")
SIGMOIDS = ("sigmoid", "sigmoid_simple")


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def check_linear(dezero, name):
    f = getattr(dezero.functions, name)

    @SETTINGS
    @given(pair=matmul_shapes(), seed=seeds())
    def check(pair, seed):
        x, W = array(pair[0], seed), array(pair[1], seed + 1)
        b = array(pair[1][1:], seed + 2)
        call = f"F.{name}(x, W, b)"
        checks.close(f(dezero.Variable(x), dezero.Variable(W), dezero.Variable(b)),
                     x @ W + b, f"{call} for x of shape {x.shape}, W {W.shape}, b {b.shape}")
        check_grad(dezero, f, [x, W, b], call, names=["x", "W", "b"])
        checks.close(f(dezero.Variable(x), dezero.Variable(W)), x @ W,
                     f"F.{name}(x, W) (b=None: no bias)")
        check_grad(dezero, f, [x, W], f"F.{name}(x, W)", names=["x", "W"])
    check()


def test_linear_over_shapes(dezero):
    for name in LINEARS:
        check_linear(dezero, name)


def test_linear_with_an_ndarray_x(dezero):
    F = dezero.functions
    x = array((5, 1), seed=1)
    W, b = dezero.Variable(array((1, 3), seed=2)), dezero.Variable(np.zeros(3))
    for name in LINEARS:
        W.cleargrad()
        b.cleargrad()
        y = getattr(F, name)(x, W, b)
        checks.close(y, x @ W.data, f"F.{name}(ndarray x, W, b)")
        y.backward()
        checks.close(b.grad, [5.0, 5.0, 5.0], f"b.grad after F.{name}(x, W, b).backward(): "
                     f"b was broadcast over the 5 rows, its grad sums them")


def test_linear_is_one_function(dezero):
    x, W, b = (dezero.Variable(array(shape, seed)) for seed, shape
               in enumerate([(4, 3), (3, 2), (2,)]))
    y = dezero.functions.linear(x, W, b)
    checks.equal(type(y.creator).__name__, "Linear", "the function that made "
                 "F.linear(x, W, b) (one Linear: the product x W is never kept)")
    inputs = y.creator.inputs
    checks.is_true(len(inputs) == 3 and all(a is v for a, v in zip(inputs, (x, W, b))),
                   "Linear's inputs should be x, W and b themselves")


def test_linear_simple_frees_the_product(dezero):
    x, W, b = (dezero.Variable(array(shape, seed)) for seed, shape
               in enumerate([(4, 3), (3, 2), (2,)]))
    y = dezero.functions.linear_simple(x, W, b)
    product = y.creator.inputs[0]  # t = matmul(x, W), the input of the addition
    checks.is_true(product.data is None,
                   "F.linear_simple(x, W, b): the product t = x W should have t.data = None "
                   "once t + b is computed (backward needs only x, W and the shapes)")
    y.backward()
    checks.close(W.grad, x.data.T @ np.ones((4, 2)), "W.grad after "
                 "F.linear_simple(x, W, b).backward(), with t.data freed")


def check_sigmoid(dezero, name):
    f = getattr(dezero.functions, name)

    @SETTINGS
    @given(shape=shapes(), seed=seeds())
    def check(shape, seed):
        x = array(shape, seed, -4, 4)
        checks.close(f(dezero.Variable(x)), sigmoid(x), f"F.{name}(x) for x of shape {shape}")
        check_grad(dezero, f, [x], f"F.{name}(x)")
    check()


def test_sigmoid_over_shapes(dezero):
    for name in SIGMOIDS:
        check_sigmoid(dezero, name)


def test_sigmoid_simple_takes_an_ndarray(dezero):
    x = array((2, 3), seed=3)
    checks.close(dezero.functions.sigmoid_simple(x), sigmoid(x), "F.sigmoid_simple(ndarray)")


def test_sigmoid_is_stable_for_large_inputs(dezero):
    x = dezero.Variable(np.array([-1000.0, -30.0, 0.0, 30.0, 1000.0]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow in np.exp is a RuntimeWarning
        try:
            y = dezero.functions.sigmoid(x)
            y.backward()
        except RuntimeWarning as warning:
            checks.fail(f"F.sigmoid(x) for x = [-1000, -30, 0, 30, 1000] warned: {warning} "
                        f"(exp(1000) overflows: 0.5 * tanh(0.5 x) + 0.5 is the same "
                        f"function, and never overflows)")
    checks.close(y, [0.0, sigmoid(-30.0), 0.5, sigmoid(30.0), 1.0],
                 "F.sigmoid(x) for x = [-1000, -30, 0, 30, 1000]", rtol=1e-12, atol=1e-15)
    checks.close(x.grad, [0.0, sigmoid(-30.0) * sigmoid(30.0), 0.25,
                          sigmoid(30.0) * sigmoid(-30.0), 0.0],
                 "x.grad: y (1 - y)", rtol=1e-6, atol=1e-15)


def test_float32_stays_float32(dezero):
    F = dezero.functions
    x = dezero.Variable(array((3, 2), seed=4, dtype=np.float32))
    W = dezero.Variable(array((2, 2), seed=5, dtype=np.float32))
    b = dezero.Variable(np.zeros(2, dtype=np.float32))
    for name in LINEARS + SIGMOIDS:
        f = getattr(F, name)
        y = f(x, W, b) if name in LINEARS else f(x)
        checks.equal(y.dtype, np.float32, f"F.{name}'s dtype for float32 inputs")
        x.cleargrad()
        y.backward()
        checks.equal(x.grad.dtype, np.float32, f"x.grad's dtype after F.{name}(...).backward()")
