"""Step 32: gradients are Variables, and backward is written with Variables.

Replaces the ndarray-grad view of steps 6-31 (kata.checks compares a Variable by its data,
so their value checks still hold): here the grads' type, creators and dtypes are checked.
"""

import numpy as np
import pytest

from kata import checks


def test_the_grad_is_a_variable(dezero):
    x = dezero.Variable(np.array(3.0))
    y = dezero.square(x)
    y.backward()
    checks.instance(x.grad, dezero.Variable, "x.grad after square(x).backward() (from step 32 "
                    "a grad is a Variable: Variable.backward seeds Variable(np.ones_like(...)))")
    checks.is_array(x.grad.data, "x.grad.data")
    checks.close(x.grad.data, 6.0, "x.grad.data for y = x ** 2 at x = 3")


def test_the_seed_is_a_variable_of_ones_with_the_datas_dtype(dezero):
    x = dezero.Variable(np.zeros((2, 3), dtype=np.float32))
    x.backward()  # a leaf: only the seed is set
    checks.instance(x.grad, dezero.Variable, "the seed grad of x.backward()")
    checks.equal(x.grad.data, np.ones((2, 3)), "the seed grad's data")
    checks.equal(x.grad.dtype, np.float32, "the seed grad's dtype for float32 data")


@pytest.mark.explains("using_config('enable_backprop', create_graph)")
def test_without_create_graph_the_grads_have_no_creator(dezero):
    x = dezero.Variable(np.array(2.0))
    y = x ** 3 * 2.0 + dezero.exp(x)
    y.backward(create_graph=False)
    checks.instance(x.grad, dezero.Variable, "x.grad")
    name = type(x.grad.creator).__name__
    article = "an" if name[:1].lower() in "aeiou" else "a"  # an Add, a Mul
    checks.is_true(x.grad.creator is None,
                   f"x.grad.creator is {article} {name} after "
                   f"backward(create_graph=False): backward must run its functions under "
                   f"using_config('enable_backprop', create_graph), so nothing is recorded")


def test_with_create_graph_the_grad_has_a_creator(dezero):
    x = dezero.Variable(np.array(2.0))
    y = x ** 3
    y.backward(create_graph=True)
    checks.is_true(x.grad.creator is not None,
                   "x.grad.creator is None after backward(create_graph=True): the functions "
                   "of backward were not recorded (using_config('enable_backprop', create_graph))")
    checks.close(x.grad, 12.0, "x.grad for y = x ** 3 at x = 2")


def test_backward_puts_enable_backprop_back(dezero):
    x = dezero.Variable(np.array(2.0))
    (x ** 2).backward(create_graph=True)
    checks.is_true(dezero.Config.enable_backprop is True,
                   "Config.enable_backprop after backward(create_graph=True) should be True "
                   "again (use `with using_config(...)`, which restores it)")
    y = x ** 2
    with dezero.no_grad():
        y.backward(create_graph=True)
        still_off = dezero.Config.enable_backprop
    checks.is_true(still_off is False, "inside no_grad(), backward(create_graph=True) left "
                   "Config.enable_backprop on: it must restore the value it found")


def test_backward_of_backward(dezero):
    """The book's example: y = x ** 4 - 2 x ** 2 at x = 2 gives y' = 24, then y'' = 44."""
    x = dezero.Variable(np.array(2.0))
    y = x ** 4 - 2 * x ** 2
    y.backward(create_graph=True)
    gx = x.grad
    checks.close(gx, 24.0, "y' = 4x³ - 4x at x = 2, from y.backward(create_graph=True)")
    x.cleargrad()
    gx.backward()
    checks.instance(x.grad, dezero.Variable, "x.grad after gx.backward()")
    checks.close(x.grad, 44.0, "y'' = 12x² - 4 at x = 2, from gx.backward() (each op's "
                 "backward must compute with the input Variables, not their .data)")


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_grads_keep_the_dtype(dezero, dtype):
    x = dezero.Variable(np.array([0.5, 2.0], dtype=dtype))
    y = x ** 3 / (x + 1.0) - 2.0 * dezero.exp(-x)
    y.backward(create_graph=True)
    gx = x.grad
    checks.equal(gx.dtype, dtype, f"x.grad's dtype for {np.dtype(dtype).name} data")
    x.cleargrad()
    gx.backward()
    checks.equal(x.grad.dtype, dtype, f"the second derivative's dtype for "
                 f"{np.dtype(dtype).name} data")


def test_an_output_that_is_gone_passes_a_zero_variable(dezero):
    got = []

    class Split(dezero.Function):
        def forward(self, x):
            return 2 * x, 3 * x

        def backward(self, gy0, gy1):
            got.extend([gy0, gy1])
            return 2 * gy0 + 3 * gy1

    x = dezero.Variable(np.array([1.0, 2.0], dtype=np.float32))
    y0, _ = Split()(x)  # the second output is dropped at once
    y0.backward()
    for gy in got:
        checks.instance(gy, dezero.Variable, "each gradient Function.backward receives "
                        "(Function.output_grads: a dead output counts as a zero Variable)")
    checks.equal(got[1].data, np.zeros(2), "the dead output's gradient")
    checks.equal(got[1].dtype, np.float32, "the dead output's gradient's dtype")
    checks.close(x.grad, [2.0, 2.0], "x.grad through the live output alone")
