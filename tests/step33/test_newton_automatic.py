"""Step 33 (solutions/step33/newton.py): Newton's method with both derivatives automatic.

The iterates are the book's, and a NumPy Newton with f' and f'' written out checks other
starts. The leak test runs the loop with the cyclic GC off (kata.leaks): the loop must
break the cycle that backward(create_graph=True) makes through x.grad.
"""

import numpy as np
import pytest

from kata import checks, leaks
from tests.exercise_files import load

pytestmark = pytest.mark.until(33)  # newton.py belongs to step 33's folder alone

GUIDE = "steps/step33/README.md"
# x at the start of each of the book's 10 iterations, from x = 2.0
BOOK_ITERATES = [2.0, 1.4545454545454546, 1.1510467893775467, 1.0253259289766978,
                 1.0009084519430513, 1.0000012353089454, 1.000000000002289, 1.0, 1.0, 1.0]


@pytest.fixture
def newton(impl_folder):
    return load(impl_folder, "newton.py", 33)


def numpy_newton(x, iters):
    """The same method with the derivatives of x⁴ - 2x² written out."""
    visited = []
    for _ in range(iters):
        visited.append(x.copy())
        x = x - (4 * x ** 3 - 4 * x) / (12 * x ** 2 - 4)
    return visited


def test_f_is_the_books_function(dezero, newton):
    x = dezero.Variable(np.array([2.0, -0.5, 3.0]))
    checks.close(newton.f(x), x.data ** 4 - 2 * x.data ** 2, "f(x) = x⁴ - 2x²")


ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth"]


def first_wrong(visited, expected) -> int | None:
    """The index of the first value that is not the expected one (None: none found)."""
    for index, (got, want) in enumerate(zip(visited, expected)):
        try:
            value = float(np.asarray(getattr(got, "data", got)))
        except (TypeError, ValueError):
            return index
        if not np.isclose(value, want, rtol=1e-12, atol=0):
            return index
    return None


def test_the_books_iterates(dezero, newton):
    x = dezero.Variable(np.array(2.0))
    visited = newton.newton(x, iters=10)
    checks.equal(len(visited), 10, "how many values newton(x, iters=10) returns")
    wrong = first_wrong(visited, BOOK_ITERATES)
    why = "" if wrong is None else f" (the {ORDINALS[wrong]} is the first wrong one"
    if wrong == 2:  # the first update right, the second not: its grad added to the last one
        why += ": is the previous grad cleared before each backward?"
    checks.close(visited, BOOK_ITERATES, "x at the start of each iteration, from x = 2.0"
                 f"{why}{')' if why else ''}", rtol=1e-12)
    checks.close(x, 1.0, "x after 10 iterations")


def test_other_starts_elementwise(dezero, newton):
    start = np.array([3.0, 0.8, -1.7, -2.5])
    x = dezero.Variable(start.copy())
    visited = newton.newton(x, iters=5)
    checks.close(visited, numpy_newton(start, 5), "the iterates from x = [3, 0.8, -1.7, "
                 "-2.5], against x - f'(x) / f''(x) with f' = 4x³ - 4x, f'' = 12x² - 4")


def test_x_grad_is_the_last_second_derivative_without_a_graph(dezero, newton):
    x = dezero.Variable(np.array(2.0))
    visited = newton.newton(x, iters=2)
    last = visited[-1]
    checks.close(x.grad, 12 * last ** 2 - 4, "x.grad after newton: f''(x) of the last "
                 "iteration, 12x² - 4 (gx.backward() after x.cleargrad())")
    checks.is_true(x.grad.creator is None, "x.grad has a creator after newton: the second "
                   "backward needs no create_graph (and without it, no graph is left)")


def test_float32_stays_float32(dezero, newton):
    x = dezero.Variable(np.array([2.0, 0.7], dtype=np.float32))
    newton.newton(x, iters=3)
    checks.equal(x.dtype, np.float32, "x's dtype after newton on float32 data")
    checks.equal(x.grad.dtype, np.float32, "x.grad's dtype after newton on float32 data")


def test_newton_leaves_nothing_behind(dezero, newton):
    with leaks.no_cycles(dezero, "x = Variable(np.array(2.0)); newton(x, iters=10)", GUIDE):
        x = dezero.Variable(np.array(2.0))
        newton.newton(x, iters=10)
        del x


def test_newton_on_an_array_leaves_nothing_behind(dezero, newton):
    with leaks.no_cycles(dezero, "x = Variable(randn(100)); newton(x, iters=3)", GUIDE):
        x = dezero.Variable(checks.seeded().standard_normal(100) + 3.0)
        newton.newton(x, iters=3)
        del x
