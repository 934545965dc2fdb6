"""Step 37 (solutions/step37/tensors.py): DeZero's functions on tensors, element by element.

The book's example, sin(x) + c on (2, 3) arrays; the derivatives of element-wise functions
from one backward, over many shapes (Hypothesis, tests/properties.py), against their closed
forms; and a numerical gradient for tensors, element by element.
"""

import numpy as np
import pytest
from hypothesis import given

from kata import checks
from tests.exercise_files import load
from tests.properties import SETTINGS, array, seeds, shapes

pytestmark = pytest.mark.until(37)  # tensors.py belongs to step 37's folder alone

X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
C = np.array([[10.0, 20.0, 30.0], [40.0, 50.0, 60.0]])

# Element-wise functions, in dezero and with their derivative written out.
ELEMENTWISE = {
    "F.sin(x)": (lambda F, x: F.sin(x), np.cos),
    "F.tanh(x)": (lambda F, x: F.tanh(x), lambda d: 1 - np.tanh(d) ** 2),
    "x ** 3 - 2 * x": (lambda F, x: x ** 3 - 2 * x, lambda d: 3 * d ** 2 - 2),
    "F.exp(x) * x": (lambda F, x: F.exp(x) * x, lambda d: np.exp(d) * (1 + d)),
    "1 / (1 + x * x)": (lambda F, x: 1 / (1 + x * x), lambda d: -2 * d / (1 + d * d) ** 2),
}


@pytest.fixture
def exercise(dezero, impl_folder):
    dezero.Variable  # noqa: B018  (the dezero fixture first: it puts the folder on the path)
    return load(impl_folder, "tensors.py", 37)


def test_the_books_example(dezero, exercise):
    x, c = dezero.Variable(X.copy()), dezero.Variable(C.copy())
    y = exercise.sin_plus(x, c)
    checks.instance(y, dezero.Variable, "sin_plus(x, c)")
    checks.close(y, np.sin(X) + C, "sin_plus(x, c) for x, c of shape (2, 3)")
    y.backward()
    checks.close(x.grad, np.cos(X), "x.grad after sin_plus(x, c).backward(): cos(x), of x's "
                 "shape")
    checks.close(c.grad, np.ones((2, 3)), "c.grad after sin_plus(x, c).backward(): ones of "
                 "c's shape")


@pytest.mark.parametrize("name", list(ELEMENTWISE))
def test_elementwise_grad_over_shapes(dezero, exercise, name):
    F = dezero.functions
    f, derivative = ELEMENTWISE[name]

    @SETTINGS
    @given(shape=shapes(), seed=seeds())
    def check(shape, seed):
        data = array(shape, seed)
        got = exercise.elementwise_grad(lambda x: f(F, x), data)
        checks.is_array(got, f"elementwise_grad(f, data) for f(x) = {name}")
        checks.close(got, derivative(data), f"elementwise_grad(f, data) for f(x) = {name}, "
                     f"data of shape {shape}")
    check()


def test_elementwise_grad_of_a_0d_array(dezero, exercise):
    got = exercise.elementwise_grad(dezero.functions.sin, np.array(0.5))
    checks.close(got, np.cos(0.5), "elementwise_grad(F.sin, np.array(0.5)): a 0-d array")


def test_numerical_grad_over_shapes(dezero, exercise):
    F = dezero.functions

    @SETTINGS
    @given(shape=shapes(), seed=seeds())
    def check(shape, seed):
        data = array(shape, seed)
        kept = data.copy()
        got = exercise.numerical_grad(F.sin, data)
        checks.is_array(got, "numerical_grad(F.sin, data)")
        checks.close(got, np.cos(data), f"numerical_grad(F.sin, data), data of shape {shape}",
                     rtol=1e-6, atol=1e-7)
        checks.close(data, kept, "data after numerical_grad(F.sin, data): it must stay as "
                     "it was (nudge a copy)", rtol=0, atol=0)
    check()


def test_numerical_grad_is_central_with_its_eps(dezero, exercise):
    data = array((2, 3), seed=5)
    # ((x + h)³ - (x - h)³) / 2h = 3x² + h² exactly: a central difference with h = eps
    got = exercise.numerical_grad(lambda x: x * x * x, data, eps=0.1)
    checks.close(got, 3 * data ** 2 + 0.01, "numerical_grad(lambda x: x ** 3, data, "
                 "eps=0.1): 3x² + eps² for a central difference", rtol=1e-9,
                 mistakes={"the default eps was used, not the one given": 3 * data ** 2,
                           "a forward difference ((f(x + eps) - f(x)) / eps)":
                           3 * data ** 2 + 0.3 * data + 0.01})
