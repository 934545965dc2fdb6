"""Step 4: numerical_diff(f, x, eps=1e-4) is a central difference; functions keep .input/.output.

The inputs here are 1-element arrays, as in the book's tests: from step 9 on, `x.data - eps`
on a 0-d array is a NumPy scalar, which a Variable refuses.
"""

import numpy as np
import pytest

from kata import checks


def cube(dezero):
    """f(x) = x ** 3 as a plain Python function from Variable to Variable."""
    return lambda v: dezero.Variable(v.data ** 3)


def test_numerical_diff_is_a_central_difference(dezero):
    # For x ** 3 at 1, (f(x + e) - f(x - e)) / 2e = 3 + e ** 2 exactly; a one-sided
    # difference gives 3 + 3e + e ** 2 (or 3 - 3e + e ** 2).
    eps = 1e-2
    got = dezero.numerical_diff(cube(dezero), dezero.Variable(np.array([1.0])), eps)
    checks.close(got, [3 + eps ** 2], "numerical_diff(x ** 3, x = [1.0], eps=1e-2) "
                 "(expected the central difference (f(x + eps) - f(x - eps)) / (2 * eps))",
                 rtol=1e-9)


def test_numerical_diff_uses_eps_1e_4_by_default(dezero):
    got = dezero.numerical_diff(cube(dezero), dezero.Variable(np.array([1.0])))
    checks.close(got, [3 + 1e-8], "numerical_diff(x ** 3, x = [1.0]) with the default eps "
                 "(expected the central difference with eps = 1e-4)", rtol=1e-10)


@pytest.mark.not_at(11)  # step 11 alone calls functions with a list
def test_numerical_diff_of_square(dezero):
    data = np.array([2.0, -1.0, 0.5])
    got = dezero.numerical_diff(dezero.Square(), dezero.Variable(data))
    checks.close(got, 2 * data, "numerical_diff(Square(), x) at x = [2, -1, 0.5] (d/dx x² = 2x)")


@pytest.mark.not_at(11)  # step 11 alone calls functions with a list
def test_numerical_diff_of_a_composition(dezero):
    A, B, C = dezero.Square(), dezero.Exp(), dezero.Square()

    def f(x):
        return C(B(A(x)))

    x = np.array([0.5])
    got = dezero.numerical_diff(f, dezero.Variable(x))
    checks.close(got, 4 * x * np.exp(2 * x ** 2),
                 "numerical_diff of y = (e ** (x²))² at x = [0.5] (dy/dx = 4x e ** (2x²))")


@pytest.mark.until(10)  # steps 11+ rename them .inputs and .outputs
def test_function_remembers_its_input_and_output(dezero):
    f = dezero.Square()
    x = dezero.Variable(np.array(3.0))
    y = f(x)
    checks.is_true(getattr(f, "input", None) is x,
                   "after y = f(x) with f = Square(), f.input should be the Variable x")
    checks.is_true(getattr(f, "output", None) is y,
                   "after y = f(x) with f = Square(), f.output should be the Variable y it "
                   "returned")
