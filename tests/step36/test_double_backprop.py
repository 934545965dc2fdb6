"""Step 36 (solutions/step36/double_backprop.py): the gradient of a function of a gradient.

The book's z = gx³ + y with y = x², gx = dy/dx: z = 8x³ + x², dz/dx = 24x² + 2x (100 at
x = 2). Checked against that closed form, numerically, in float32, and with the cyclic GC
off: nothing may be left behind.
"""

import numpy as np
import pytest

from kata import checks, leaks
from tests.exercise_files import load

pytestmark = pytest.mark.until(36)  # double_backprop.py belongs to step 36's folder alone

GUIDE = "steps/step36/README.md"


@pytest.fixture
def exercise(dezero, impl_folder):
    dezero.Variable  # noqa: B018  (the dezero fixture first: it puts the folder on the path)
    return load(impl_folder, "double_backprop.py", 36)


def test_the_books_example(dezero, exercise):
    x = dezero.Variable(np.array(2.0))
    gz = exercise.grad_of_z(x)
    checks.instance(gz, dezero.Variable, "grad_of_z(x)")
    checks.close(gz, 100.0, "dz/dx at x = 2 (24x² + 2x; 4.0 means gx had no graph: "
                 "create_graph=True; 104.0 means x.grad was not cleared before z.backward())")
    checks.close(x.grad, 100.0, "x.grad after grad_of_z(x)")


def test_z_itself(dezero, exercise):
    data = np.array([-1.5, 0.5, 2.0])
    checks.close(exercise.z_of(dezero.Variable(data)), 8 * data ** 3 + data ** 2,
                 "z = gx³ + y = 8x³ + x²")


def test_against_the_closed_form_and_numerically(dezero, exercise):
    data = checks.seeded().uniform(-3, 3, size=6)
    gz = exercise.grad_of_z(dezero.Variable(data))
    checks.close(gz, 24 * data ** 2 + 2 * data, "dz/dx = 24x² + 2x")
    numerical = checks.numerical_grad(
        lambda d: float(exercise.z_of(dezero.Variable(d)).data.sum()), data)
    checks.close(gz, numerical, "dz/dx against a numerical derivative of z_of",
                 rtol=1e-6, atol=1e-6)


def test_float32_stays_float32(dezero, exercise):
    x = dezero.Variable(np.array([2.0, -1.0], dtype=np.float32))
    checks.equal(exercise.grad_of_z(x).dtype, np.float32, "dz/dx's dtype for float32 data")


def test_it_leaves_nothing_behind(dezero, exercise):
    with leaks.no_cycles(dezero, "grad_of_z(Variable(np.array(2.0)))", GUIDE):
        x = dezero.Variable(np.array(2.0))
        exercise.grad_of_z(x)
        del x
