"""Step 24: sphere, Matyas and Goldstein–Price, written with operators in benchmark_functions.py.

Values and gradients are checked against the formulas worked out by hand at (1, 1), and
against numerical gradients elsewhere.
"""

import importlib.util

import numpy as np
import pytest

from kata import checks
from kata.layout import rel

pytestmark = pytest.mark.until(24)  # benchmark_functions.py is step 24's exercise only
EXERCISE = "benchmark_functions.py"


class Exercise:
    """The learner's benchmark_functions module; a missing function fails in plain words."""

    def __init__(self, module, where):
        self._module, self._where = module, where

    def __getattr__(self, name):
        if not hasattr(self._module, name):
            checks.fail(f"{self._where} defines no `{name}` (step 24: see its guide)")
        return getattr(self._module, name)


@pytest.fixture
def functions(dezero, impl_folder):
    """benchmark_functions.py of the step under test (after dezero, so the folder is on the
    path for a file that imports dezero itself)."""
    path = impl_folder / EXERCISE
    if not path.exists():
        checks.fail(f"no {EXERCISE} in {rel(impl_folder)}: step 24's exercise file")
    spec = importlib.util.spec_from_file_location("benchmark_functions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Exercise(module, rel(path))


# name -> (value at (1, 1), dz/dx and dz/dy at (1, 1)), worked out by hand:
#   sphere:    z = x² + y²                 -> 2;    (2x, 2y) = (2, 2)
#   matyas:    z = 0.26(x² + y²) - 0.48xy  -> 0.04; (0.52x - 0.48y, 0.52y - 0.48x) = (0.04, 0.04)
#   goldstein: (1 + 27)(30 + 37) = 1876;   the book's (-5376, 8064)
AT_ONE_ONE = {
    "sphere": (2.0, (2.0, 2.0)),
    "matyas": (0.04, (0.04, 0.04)),
    "goldstein": (1876.0, (-5376.0, 8064.0)),
}
NAMES = list(AT_ONE_ONE)


def differentiate(dezero, function, x_data, y_data):
    x, y = dezero.Variable(np.asarray(x_data, dtype=float)), dezero.Variable(
        np.asarray(y_data, dtype=float))
    z = function(x, y)
    checks.instance(z, dezero.Variable, f"{function.__name__}(x, y) for two Variables")
    z.backward()
    return z, x, y


@pytest.mark.parametrize("name", NAMES)
def test_value_and_gradient_at_one_one(dezero, functions, name):
    value, (gx, gy) = AT_ONE_ONE[name]
    z, x, y = differentiate(dezero, getattr(functions, name), 1.0, 1.0)
    checks.close(z.data, value, f"{name}(x, y) at x = y = 1")
    checks.close(x.grad, gx, f"x.grad after {name}(x, y).backward() at x = y = 1")
    checks.close(y.grad, gy, f"y.grad after {name}(x, y).backward() at x = y = 1")


def test_goldstein_price_has_its_minimum_at_zero_minus_one(dezero, functions):
    z, x, y = differentiate(dezero, functions.goldstein, 0.0, -1.0)
    checks.close(z.data, 3.0, "goldstein(0, -1), the function's minimum")
    checks.close(x.grad, 0.0, "x.grad of goldstein at its minimum (0, -1)", atol=1e-9)
    checks.close(y.grad, 0.0, "y.grad of goldstein at its minimum (0, -1)", atol=1e-9)


@pytest.mark.parametrize("name", NAMES)
def test_gradients_match_numerical_ones(dezero, functions, name):
    function = getattr(functions, name)
    rng = checks.seeded(8)
    a, b = rng.uniform(-1.5, 1.5, 4), rng.uniform(-1.5, 1.5, 4)  # four points at once
    z, x, y = differentiate(dezero, function, a, b)

    def at(u, v):
        return function(dezero.Variable(u), dezero.Variable(v)).data

    checks.close(x.grad, checks.numerical_grad(lambda u: at(u, b), a),
                 f"x.grad of {name} at four random points, against a numerical gradient",
                 rtol=1e-4, atol=1e-4)
    checks.close(y.grad, checks.numerical_grad(lambda v: at(a, v), b),
                 f"y.grad of {name} at four random points, against a numerical gradient",
                 rtol=1e-4, atol=1e-4)
