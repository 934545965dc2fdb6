"""Step 5: the chain rule by hand (the exercise file chain_rule.py of this step's folder).

y = square(exp(square(x))): a = x ** 2, b = e ** a, y = b ** 2, so
dy/dx = dy/db * db/da * da/dx = 2b * e ** a * 2x.
"""

import importlib.util

import numpy as np
import pytest

from kata import checks
from kata.layout import rel
from kata.pytest_plugin import LearnerModule

pytestmark = pytest.mark.until(5)  # chain_rule.py is an exercise of step 5 only


@pytest.fixture
def chain_rule(impl_folder, step):
    """The learner's chain_rule.py, freshly imported from the folder under test."""
    path = impl_folder / "chain_rule.py"
    checks.is_true(path.exists(), f"{rel(path)} is missing: it is this step's exercise file")
    spec = importlib.util.spec_from_file_location("chain_rule", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return LearnerModule(module, rel(path), step)


def test_local_derivatives_of_square_and_exp(chain_rule):
    x = np.array([-1.5, 0.0, 3.0])
    checks.close(chain_rule.square_derivative(x), 2 * x,
                 "square_derivative(x) at x = [-1.5, 0, 3] (d/dx x² = 2x)")
    checks.close(chain_rule.exp_derivative(x), np.exp(x),
                 "exp_derivative(x) at x = [-1.5, 0, 3] (d/dx e ** x = e ** x)")


def test_local_derivatives_go_from_the_output_back(chain_rule):
    x = np.array(0.5)
    a, b = x ** 2, np.exp(x ** 2)
    got = chain_rule.local_derivatives(x)
    checks.is_true(len(got) == 3, f"local_derivatives(x) should give 3 values "
                   f"[dy/db, db/da, da/dx], got {len(got)}")
    names = ["dy/db = 2b (C = square, at its input b)", "db/da = e ** a (B = exp, at its input a)",
             "da/dx = 2x (A = square, at its input x)"]
    for index, (value, expected, name) in enumerate(zip(got, [2 * b, np.exp(a), 2 * x], names)):
        checks.close(value, expected, f"local_derivatives(0.5)[{index}], {name}")


def test_chain_multiplies_from_dy_dy_equal_1(chain_rule):
    checks.close(chain_rule.chain([np.array(2.0), np.array(3.0), np.array(4.0)]), 24.0,
                 "chain([2, 3, 4]) (the product of the local derivatives)")
    checks.close(chain_rule.chain([np.array([1.0, 2.0])]), [1.0, 2.0],
                 "chain([[1, 2]]) (one function: its own derivative)")
    checks.close(chain_rule.chain([]), 1.0, "chain([]) (no function at all: dy/dy = 1)")


def test_dy_dx_matches_the_numerical_derivative(chain_rule, dezero):
    A, B, C = dezero.Square(), dezero.Exp(), dezero.Square()

    def f(v):
        return C(B(A(v)))

    x = checks.seeded().uniform(-1.0, 1.0, size=4)
    numerical = dezero.numerical_diff(f, dezero.Variable(x))
    checks.close(chain_rule.dy_dx(x), numerical, "dy_dx(x) by the chain rule, against "
                 "numerical_diff on random x in [-1, 1]", rtol=1e-5)
    checks.close(chain_rule.dy_dx(x), 4 * x * np.exp(2 * x ** 2),
                 "dy_dx(x) (the exact derivative is 4x e ** (2x²))")
