"""Step 27: sin as a DeZero Function, and my_sin by its Taylor series (the exercise file
taylor.py, a script's code that imports the package).

Checked against np.sin, np.cos and numerical gradients, and against the figures the book
prints at x = π/4.
"""

import numpy as np
import pytest

from kata import checks
from tests import exercise_files
from tests.graph_walk import functions_behind

pytestmark = pytest.mark.until(27)  # taylor.py is step 27's exercise only

SHAPES = [(), (3,), (2, 3)]


@pytest.fixture
def taylor(dezero, impl_folder):
    """taylor.py of the folder under test (after dezero: it imports the package)."""
    return exercise_files.load(impl_folder, "taylor.py", 27)


def at(dezero, value, dtype=np.float64):
    return dezero.Variable(np.asarray(value, dtype=dtype))


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_sin_matches_np_sin(dezero, taylor, shape):
    data = checks.seeded(27).uniform(-4, 4, shape)
    y = taylor.sin(at(dezero, data))
    checks.instance(y, dezero.Variable, "sin(x) for a Variable x")
    checks.close(y.data, np.sin(data), f"sin(x).data for x of shape {shape}")


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_sin_backward_gives_cos(dezero, taylor, shape):
    data = checks.seeded(28).uniform(-4, 4, shape)
    x = at(dezero, data)
    taylor.sin(x).backward()
    checks.close(x.grad, np.cos(data), f"x.grad after sin(x).backward(), x of shape {shape} "
                 f"(d/dx sin x = cos x)")
    checks.close(x.grad, checks.numerical_grad(np.sin, data), "x.grad after "
                 "sin(x).backward(), against a numerical gradient", rtol=1e-5, atol=1e-6)


def test_sin_keeps_float32(dezero, taylor):
    x = at(dezero, [0.5, 1.0], np.float32)
    y = taylor.sin(x)
    y.backward()
    checks.equal(y.data.dtype, np.float32, "sin(x).data.dtype for float32 x")
    checks.equal(x.grad.dtype, np.float32, "x.grad.dtype after sin(x).backward(), x float32")


def test_the_book_s_figures_at_pi_over_4(dezero, taylor):
    # The book prints 0.7071067811865476 twice for sin, then these two for my_sin.
    for name, value, grad in (("sin", np.sqrt(0.5), np.sqrt(0.5)),
                              ("my_sin", 0.7071064695751781, 0.7071032148228457)):
        x = at(dezero, np.pi / 4)
        y = getattr(taylor, name)(x)
        y.backward()
        checks.close(y.data, value, f"{name}(x).data at x = π/4", rtol=1e-14, atol=0)
        checks.close(x.grad, grad, f"x.grad after {name}(x).backward() at x = π/4",
                     rtol=1e-14, atol=0)


@pytest.mark.parametrize("value", [-3.0, -1.0, 0.3, 2.0, 3.1])
def test_my_sin_is_sin_up_to_the_threshold(dezero, taylor, value):
    for threshold in (1e-4, 1e-12):
        x = at(dezero, value)
        y = taylor.my_sin(x, threshold=threshold)
        checks.instance(y, dezero.Variable, f"my_sin(x, threshold={threshold})")
        y.backward()
        # The terms left out are smaller than the last one added, itself below threshold.
        checks.close(y.data, np.sin(value), f"my_sin(x, threshold={threshold}).data at "
                     f"x = {value}", rtol=0, atol=threshold)
        checks.close(x.grad, np.cos(value), f"x.grad after my_sin(x, threshold={threshold})"
                     f".backward() at x = {value} (d/dx sin x = cos x)", rtol=0, atol=threshold)


def test_my_sin_gradient_matches_a_numerical_one(dezero, taylor):
    value = np.array(1.2)
    x = at(dezero, value)
    taylor.my_sin(x).backward()
    numerical = checks.numerical_grad(lambda v: taylor.my_sin(at(dezero, v)).data, value)
    checks.close(x.grad, numerical, "x.grad after my_sin(x).backward() at x = 1.2, against a "
                 "numerical gradient of my_sin itself", rtol=1e-6, atol=1e-7)


def test_a_smaller_threshold_makes_a_bigger_graph(dezero, taylor):
    x = at(dezero, np.pi / 4)
    checks.equal(len(functions_behind(taylor.sin(x))), 1, "the functions behind sin(x): one Sin")
    sizes = {threshold: len(functions_behind(taylor.my_sin(x, threshold=threshold)))
             for threshold in (1e-1, 1e-4, 1e-8, 1e-150)}
    counts = list(sizes.values())
    checks.is_true(all(a < b for a, b in zip(counts, counts[1:])), f"the functions behind "
                   f"my_sin(x, threshold) at x = π/4 should grow as the threshold falls "
                   f"(one term more, a few functions more); got {sizes}")
