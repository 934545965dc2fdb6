"""Step 30: backward's computations written with Variables build a graph (the exercise file
backward_graph.py, which step 31 extends).

The results must be Variables with a graph behind them, leading back to the variables
they were computed from, and their values the derivatives' closed forms.
"""

import numpy as np
import pytest

from kata import checks
from tests import exercise_files
from tests.graph_walk import leaves_behind, names_of_functions

pytestmark = pytest.mark.until(31)  # backward_graph.py is steps 30-31's exercise

SHAPES = [(), (3,), (2, 2)]


@pytest.fixture
def exercise(dezero, impl_folder, step):
    """backward_graph.py of the folder under test (after dezero: it imports the package)."""
    return exercise_files.load(impl_folder, "backward_graph.py", step)


def variables(dezero, shape, seed, count=1):
    rng = checks.seeded(seed)
    made = [dezero.Variable(rng.uniform(-2, 2, shape)) for _ in range(count)]
    return made if count > 1 else made[0]


def check_graph(dezero, gx, what, leaves, functions):
    """gx is a Variable that functions made, from exactly these leaf Variables."""
    checks.instance(gx, dezero.Variable, what)
    checks.is_true(gx.creator is not None, f"{what} should have a graph behind it (a "
                   f"creator): compute it with DeZero's functions and operators on Variables, "
                   f"not on their .data")
    got = names_of_functions(gx)
    checks.is_true(set(functions) <= set(got), f"the functions behind {what} should include "
                   f"{sorted(functions)}; got {got}")
    found = leaves_behind(gx)
    for name, leaf in leaves.items():
        checks.is_true(any(v is leaf for v in found), f"the graph behind {what} should lead "
                       f"back to {name} itself (the Variable passed in)")


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_cos_matches_np_cos(dezero, exercise, shape):
    x = variables(dezero, shape, 30)
    y = exercise.cos(x)
    checks.instance(y, dezero.Variable, "cos(x) for a Variable x")
    checks.close(y.data, np.cos(x.data), f"cos(x).data for x of shape {shape}")


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_sin_backward_with_variables_is_a_graph(dezero, exercise, shape):
    x, gy = variables(dezero, shape, 31, count=2)
    gx = exercise.sin_backward(x, gy)
    check_graph(dezero, gx, "sin_backward(x, gy)", {"x": x, "gy": gy}, ["Cos", "Mul"])
    checks.close(gx.data, gy.data * np.cos(x.data), f"sin_backward(x, gy).data for x, gy of "
                 f"shape {shape}: gy · cos(x)")


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_square_backward_with_variables_is_a_graph(dezero, exercise, shape):
    x, gy = variables(dezero, shape, 32, count=2)
    gx = exercise.square_backward(x, gy)
    check_graph(dezero, gx, "square_backward(x, gy)", {"x": x, "gy": gy}, ["Mul"])
    checks.close(gx.data, 2 * x.data * gy.data, f"square_backward(x, gy).data for x, gy of "
                 f"shape {shape}: 2 · x · gy")


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_the_gradient_of_sin_of_square_is_a_graph_from_x(dezero, exercise, shape):
    x = variables(dezero, shape, 33)
    data = x.data.copy()
    gx = exercise.grad_of_sin_of_square(x)
    check_graph(dezero, gx, "grad_of_sin_of_square(x)", {"x": x}, ["Cos", "Mul", "Square"])
    checks.close(gx.data, np.cos(data ** 2) * 2 * data, f"grad_of_sin_of_square(x).data for x "
                 f"of shape {shape}: d/dx sin(x²) = cos(x²) · 2x")
    checks.close(gx.data, checks.numerical_grad(lambda v: np.sin(v ** 2), data),
                 "grad_of_sin_of_square(x).data, against a numerical derivative of sin(x²)",
                 rtol=1e-5, atol=1e-6)
    checks.is_true(x.grad is None, f"x.grad after grad_of_sin_of_square(x) should still be "
                   f"None: it builds the gradient's graph by hand, without backward(); got "
                   f"{checks.show(x.grad)}")
