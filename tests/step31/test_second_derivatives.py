"""Step 31: backward on the graph of a gradient gives the second derivative (the exercise
file backward_graph.py, step 30's finished and extended).

Checked against closed forms and against numerical derivatives of the first derivative.
"""

import numpy as np
import pytest

from kata import checks
from tests import exercise_files

pytestmark = pytest.mark.until(31)  # backward_graph.py is steps 30-31's exercise

SHAPES = [(), (3,), (2, 2)]


@pytest.fixture
def exercise(dezero, impl_folder):
    """backward_graph.py of the folder under test (after dezero: it imports the package)."""
    return exercise_files.load(impl_folder, "backward_graph.py", 31)


def variable(dezero, shape, seed):
    return dezero.Variable(checks.seeded(seed).uniform(-2, 2, shape))


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_cos_backward_gives_minus_sin(dezero, exercise, shape):
    x = variable(dezero, shape, 34)
    exercise.cos(x).backward()
    checks.close(x.grad, -np.sin(x.data), f"x.grad after cos(x).backward(), x of shape "
                 f"{shape} (d/dx cos x = -sin x)")
    checks.close(x.grad, checks.numerical_grad(np.cos, x.data), "x.grad after "
                 "cos(x).backward(), against a numerical gradient", rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_the_second_derivative_of_sin_is_minus_sin(dezero, exercise, shape):
    x = variable(dezero, shape, 35)
    got = exercise.second_derivative_of_sin(x)
    checks.close(got, -np.sin(x.data), f"second_derivative_of_sin(x), x of shape {shape} "
                 f"(sin'' x = -sin x)")
    checks.close(got, checks.numerical_grad(np.cos, x.data), "second_derivative_of_sin(x), "
                 "against a numerical derivative of cos", rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_the_second_derivative_of_sin_of_square(dezero, exercise, shape):
    x = variable(dezero, shape, 36)
    v = x.data.copy()
    got = exercise.second_derivative_of_sin_of_square(x)
    checks.close(got, 2 * np.cos(v ** 2) - 4 * v ** 2 * np.sin(v ** 2),
                 f"second_derivative_of_sin_of_square(x), x of shape {shape}: "
                 f"d²/dx² sin(x²) = 2 cos(x²) - 4x² sin(x²)")
    checks.close(got, checks.numerical_grad(lambda u: 2 * u * np.cos(u ** 2), v),
                 "second_derivative_of_sin_of_square(x), against a numerical derivative of "
                 "the first derivative 2x cos(x²)", rtol=1e-5, atol=1e-5)


def test_a_grad_left_in_x_does_not_spoil_the_second_derivative(dezero, exercise):
    x = dezero.Variable(np.array(0.5))
    exercise.sin(x).backward()  # x.grad = cos(0.5), from an earlier backward
    got = exercise.second_derivative_of_sin(x)
    checks.close(got, -np.sin(0.5), "second_derivative_of_sin(x) at x = 0.5 after an earlier "
                 "sin(x).backward() left x.grad = cos(0.5): backward adds to x.grad, so clear "
                 "it (x.cleargrad()) before gx.backward()")
