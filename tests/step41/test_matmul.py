"""Step 41: F.matmul(x, W), and the methods Variable.matmul and Variable.dot.

Values against NumPy's, and gradients against numerical ones for many matrix shapes
(Hypothesis, tests/properties.py): gx = gy W^T and gW = x^T gy have x's and W's shapes.
"""

import numpy as np
from hypothesis import given

from kata import checks
from tests.properties import SETTINGS, array, check_grad, matmul_shapes, seeds


def test_the_books_example(dezero):
    rng = checks.seeded(41)
    x = dezero.Variable(rng.standard_normal((2, 3)))
    W = dezero.Variable(rng.standard_normal((3, 4)))
    y = dezero.functions.matmul(x, W)
    checks.close(y, x.data @ W.data, "F.matmul(x, W) for x of shape (2, 3), W (3, 4)")
    y.backward()
    checks.equal(x.grad.shape, (2, 3), "x.grad.shape after F.matmul(x, W).backward()")
    checks.equal(W.grad.shape, (3, 4), "W.grad.shape after F.matmul(x, W).backward()")


def test_matmul_over_shapes(dezero):
    F = dezero.functions

    @SETTINGS
    @given(pair=matmul_shapes(), seed=seeds())
    def check(pair, seed):
        x, W = array(pair[0], seed), array(pair[1], seed + 1)
        checks.close(F.matmul(dezero.Variable(x), dezero.Variable(W)), x @ W,
                     f"F.matmul(x, W) for x of shape {x.shape}, W of shape {W.shape}")
        check_grad(dezero, F.matmul, [x, W], "F.matmul(x, W)", names=["x", "W"])
    check()


def test_the_methods_matmul_and_dot(dezero):
    x, W = array((2, 3), seed=1), array((3, 4), seed=2)
    for call in ("x.matmul(W)", "x.dot(W)"):
        y = eval(call, {"x": dezero.Variable(x), "W": dezero.Variable(W)})
        checks.instance(y, dezero.Variable, call)
        checks.close(y, x @ W, call)
        check_grad(dezero, lambda a, b, call=call: eval(call, {"x": a, "W": b}), [x, W], call,
                   names=["x", "W"])


def test_an_ndarray_operand(dezero):
    x = array((4, 2), seed=3)
    W = dezero.Variable(array((2, 3), seed=4))
    y = dezero.functions.matmul(x, W)
    checks.close(y, x @ W.data, "F.matmul(ndarray x, Variable W)")
    y.backward()
    checks.close(W.grad, x.T @ np.ones((4, 3)), "W.grad after F.matmul(x, W).backward() for "
                 "an ndarray x: x^T gy")


def test_an_affine_map_by_hand(dezero):
    F = dezero.functions
    x, W, b = array((5, 3), seed=5), array((3, 2), seed=6), array((2,), seed=7)
    # step 40's broadcasting and this step's product together: the book's predict of step 42
    check_grad(dezero, lambda x, W, b: F.sum(F.matmul(x, W) + b, axis=0), [x, W, b],
               "F.sum(F.matmul(x, W) + b, axis=0)", names=["x", "W", "b"])


def test_float32_stays_float32(dezero):
    x = dezero.Variable(array((2, 3), seed=8, dtype=np.float32))
    W = dezero.Variable(array((3, 2), seed=9, dtype=np.float32))
    y = dezero.functions.matmul(x, W)
    checks.equal(y.dtype, np.float32, "F.matmul(x, W)'s dtype for float32 x and W")
    y.backward()
    checks.equal(W.grad.dtype, np.float32, "W.grad's dtype after F.matmul(x, W).backward()")
