"""Step 28: gradient descent on the Rosenbrock function (the exercise file rosenbrock.py).

The iterates are checked against the book's printed ones and against the same loop written
with the gradient by hand, in plain NumPy.
"""

import numpy as np
import pytest

from kata import checks
from tests import exercise_files

pytestmark = pytest.mark.until(28)  # rosenbrock.py is step 28's exercise only


@pytest.fixture
def exercise(dezero, impl_folder):
    """rosenbrock.py of the folder under test (after dezero: it imports the package)."""
    return exercise_files.load(impl_folder, "rosenbrock.py", 28)


def gradient(x0, x1):
    """Rosenbrock's gradient, worked out by hand."""
    return -400 * x0 * (x1 - x0 ** 2) + 2 * (x0 - 1), 200 * (x1 - x0 ** 2)


def reference_descent(x0, x1, lr, iters):
    """The points gradient descent starts each iteration from, in plain NumPy."""
    points = []
    for _ in range(iters):
        points.append((x0, x1))
        g0, g1 = gradient(x0, x1)
        x0, x1 = x0 - lr * g0, x1 - lr * g1
    return points


def start(dezero, x0=0.0, x1=2.0):
    return dezero.Variable(np.array(x0)), dezero.Variable(np.array(x1))


def test_rosenbrock_at_the_book_s_starting_point(dezero, exercise):
    x0, x1 = start(dezero)
    y = exercise.rosenbrock(x0, x1)
    checks.instance(y, dezero.Variable, "rosenbrock(x0, x1) for two Variables")
    y.backward()
    checks.close(y.data, 401.0, "rosenbrock(x0, x1) at (0, 2): 100 (2 - 0)² + (0 - 1)²")
    checks.close((x0.grad, x1.grad), (-2.0, 400.0), "(x0.grad, x1.grad) after "
                 "rosenbrock(x0, x1).backward() at (0, 2), the book's figures")


def test_rosenbrock_against_its_gradient_by_hand(dezero, exercise):
    rng = checks.seeded(28)
    a, b = rng.uniform(-2, 2, 5), rng.uniform(-1, 3, 5)  # five points at once
    x0, x1 = dezero.Variable(a), dezero.Variable(b)
    y = exercise.rosenbrock(x0, x1)
    y.backward()
    checks.close(y.data, 100 * (b - a ** 2) ** 2 + (a - 1) ** 2,
                 "rosenbrock(x0, x1) at five random points")
    checks.close((x0.grad, x1.grad), gradient(a, b), "(x0.grad, x1.grad) after "
                 "rosenbrock(x0, x1).backward() at five random points, against "
                 "(-400 x0 (x1 - x0²) + 2 (x0 - 1), 200 (x1 - x0²))")


def test_each_iteration_starts_from_cleared_grads(dezero, exercise):
    x0, x1 = start(dezero)
    points = exercise.gradient_descent(x0, x1, lr=0.001, iters=4)
    checks.close((x0.grad, x1.grad), gradient(*points[-1]), "(x0.grad, x1.grad) after "
                 "gradient_descent(iters=4): the gradient at the last point alone. Grads "
                 "add up across backward() calls (step 14): call cleargrad() on x0 and x1 "
                 "before each backward()")


def test_the_first_points_are_the_book_s(dezero, exercise):
    points = exercise.gradient_descent(*start(dezero), lr=0.001, iters=3)
    checks.equal(len(points), 3, "len(gradient_descent(x0, x1, iters=3)): one point each "
                 "iteration, taken before its update")
    checks.close(points, [(0.0, 2.0), (0.002, 1.6), (0.0052759968, 1.2800008)],
                 "gradient_descent(x0, x1, lr=0.001, iters=3) from (0, 2): the points the "
                 "book prints", rtol=1e-12)


@pytest.mark.parametrize("lr, iters", [(0.001, 100), (0.0002, 50)])
def test_the_points_follow_the_gradient(dezero, exercise, lr, iters):
    x0, x1 = start(dezero)
    points = exercise.gradient_descent(x0, x1, lr=lr, iters=iters)
    expected = reference_descent(0.0, 2.0, lr, iters)
    checks.close(points, expected, f"gradient_descent(x0, x1, lr={lr}, iters={iters}) from "
                 f"(0, 2): the points, against the same loop in NumPy", rtol=1e-9)
    last = expected[-1]
    checks.close((x0.data, x1.data), np.subtract(last, np.multiply(lr, gradient(*last))),
                 f"(x0.data, x1.data) after gradient_descent(lr={lr}, iters={iters}): the "
                 f"Variables are updated in place, one step past the last point", rtol=1e-9)


def test_the_descent_heads_for_the_minimum_at_1_1(dezero, exercise):
    points = exercise.gradient_descent(*start(dezero), lr=0.001, iters=1000)
    distances = [np.hypot(x0 - 1, x1 - 1) for x0, x1 in points[::100]]
    checks.is_true(all(a > b for a, b in zip(distances, distances[1:])), f"the distance "
                   f"from (1, 1) every 100 iterations should shrink; got {np.round(distances, 4)}")
    # The book runs 10000 iterations, whose last point is (0.99449622, 0.98900063).
    checks.close(points[-1], (0.6834917840420289, 0.46565059996514135),
                 "the 1000th point of gradient_descent(x0, x1) from (0, 2)", rtol=1e-9)
