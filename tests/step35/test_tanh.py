"""Step 35: F.tanh, and its derivatives of every order.

tanh's derivatives are polynomials in t = tanh(x): p₁(t) = 1 - t², and p_{k+1} = p_k' · (1 - t²)
(the chain rule, since t' = 1 - t²). Each derivative, by backward of backward, is checked
against them and numerically.
"""

import numpy as np
import pytest
from numpy.polynomial import Polynomial

from kata import checks
from tests.higher_order import derivatives

SHAPES = [(), (4,), (2, 3)]


def tanh_derivative_polynomials(n):
    """p₁, ..., pₙ: the k-th derivative of tanh is p_k(tanh(x))."""
    one_minus_t2 = Polynomial([1.0, 0.0, -1.0])
    polynomials = [one_minus_t2]
    for _ in range(n - 1):
        polynomials.append(polynomials[-1].deriv() * one_minus_t2)
    return polynomials


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_forward(dezero, shape):
    data = checks.seeded().uniform(-3, 3, size=shape)
    y = dezero.functions.tanh(dezero.Variable(data))
    checks.instance(y, dezero.Variable, "F.tanh(x)")
    checks.close(y, np.tanh(data), "F.tanh(x)")


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_is_kept(dezero, dtype):
    x = dezero.Variable(np.array([0.5, -1.5], dtype=dtype))
    y = dezero.functions.tanh(x)
    y.backward()
    checks.equal(y.dtype, dtype, f"F.tanh(x)'s dtype for {np.dtype(dtype).name} data")
    checks.equal(x.grad.dtype, dtype, f"F.tanh's grad's dtype for {np.dtype(dtype).name} data")


def test_first_derivative_against_a_numerical_one(dezero):
    data = checks.seeded().uniform(-2, 2, size=5)
    x = dezero.Variable(data)
    dezero.functions.tanh(x).backward()
    numerical = checks.numerical_grad(lambda d: float(np.tanh(d).sum()), data)
    checks.close(x.grad, numerical, "F.tanh's backward against a numerical derivative",
                 rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_derivatives_are_polynomials_in_tanh(dezero, shape):
    data = checks.seeded().uniform(-2, 2, size=shape)
    polynomials = tanh_derivative_polynomials(5)
    found = derivatives(dezero, dezero.functions.tanh, data, 5)
    for k, (value, p) in enumerate(zip(found, polynomials), start=1):
        checks.close(value, p(np.tanh(data)), f"derivative {k} of F.tanh (a polynomial in "
                     f"tanh(x): the backward must compute with the output Variable y, "
                     f"1 - y * y, so that it is recorded)", rtol=1e-6, atol=1e-9)


def test_second_derivative_against_a_numerical_one(dezero):
    data = np.array(0.3)

    def first(d):
        x = dezero.Variable(np.array(d))
        dezero.functions.tanh(x).backward()
        return float(x.grad.data)

    second = derivatives(dezero, dezero.functions.tanh, data, 2)[1]
    checks.close(second, checks.numerical_grad(first, data),
                 "F.tanh'' against a numerical derivative of its first derivative",
                 rtol=1e-5, atol=1e-8)
