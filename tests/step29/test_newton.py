"""Step 29: Newton's method on f(x) = x⁴ − 2x², with f'' by hand (the exercise file newton.py).

The points are checked against the ones the book prints, and against the same loop in
plain NumPy.
"""

import numpy as np
import pytest

from kata import checks
from tests import exercise_files

pytestmark = pytest.mark.until(29)  # newton.py is step 29's exercise only

# What the book prints for iterations 0-9 from x = 2: the minimum x = 1 by iteration 7.
BOOK_POINTS = [2.0, 1.4545454545454546, 1.1510467893775467, 1.0253259289766978,
               1.0009084519430513, 1.0000012353089454, 1.000000000002289, 1.0, 1.0, 1.0]


@pytest.fixture
def exercise(dezero, impl_folder):
    """newton.py of the folder under test (after dezero: it imports the package)."""
    return exercise_files.load(impl_folder, "newton.py", 29)


def derivative(x):
    return 4 * x ** 3 - 4 * x


def reference_newton(x, iters):
    points = []
    for _ in range(iters):
        points.append(x)
        x = x - derivative(x) / (12 * x ** 2 - 4)
    return points


def test_f_and_its_gradient(dezero, exercise):
    data = np.array([-2.0, -0.5, 0.0, 0.7, 2.0])
    x = dezero.Variable(data)
    y = exercise.f(x)
    checks.instance(y, dezero.Variable, "f(x) for a Variable x")
    y.backward()
    checks.close(y.data, data ** 4 - 2 * data ** 2, "f(x) at x = [-2, -0.5, 0, 0.7, 2]")
    checks.close(x.grad, derivative(data), "x.grad after f(x).backward(), against f'(x) = "
                 "4x³ - 4x")


def test_gx2_is_the_second_derivative(exercise):
    data = np.array([-2.0, -0.5, 0.0, 0.7, 2.0])
    checks.close(exercise.gx2(data), 12 * data ** 2 - 4, "gx2(x) at x = [-2, -0.5, 0, 0.7, 2]")
    checks.close(exercise.gx2(data), checks.numerical_grad(derivative, data),
                 "gx2(x), against a numerical derivative of f'(x) = 4x³ - 4x", rtol=1e-5)


def test_each_iteration_starts_from_a_cleared_grad(dezero, exercise):
    x = dezero.Variable(np.array(2.0))
    points = exercise.newton(x, iters=3)
    checks.close(x.grad, derivative(points[-1]), "x.grad after newton(x, iters=3): f'(x) at "
                 "the last point alone. Grads add up across backward() calls (step 14): "
                 "call x.cleargrad() before each backward()")


def test_the_points_are_the_book_s(dezero, exercise):
    x = dezero.Variable(np.array(2.0))
    points = exercise.newton(x)
    checks.equal(len(points), 10, "len(newton(x)): one point each iteration (iters=10), "
                 "taken before its update")
    checks.close(points, BOOK_POINTS, "newton(x) from x = 2: the points the book prints",
                 rtol=1e-12)
    checks.close(x.data, 1.0, "x.data after newton(x): x is updated in place, to the minimum",
                 rtol=1e-12)


@pytest.mark.parametrize("start, minimum", [(-2.0, -1.0), (0.7, 1.0), (3.0, 1.0)])
def test_a_handful_of_iterations_reach_a_minimum(dezero, exercise, start, minimum):
    points = exercise.newton(dezero.Variable(np.array(start)), iters=8)
    checks.close(points, reference_newton(start, 8), f"newton(x, iters=8) from x = {start}: "
                 f"the points, against the same loop in NumPy", rtol=1e-12)
    checks.close(points[-1], minimum, f"the 8th point of newton(x) from x = {start}: the "
                 f"minimum at {minimum}", rtol=1e-9)
