"""Step 34: F.sin and F.cos in dezero/functions.py, and their derivatives of every order.

sin's derivatives go round: sin⁽ᵏ⁾(x) = sin(x + kπ/2), and cos⁽ᵏ⁾(x) = cos(x + kπ/2). Each
is checked by backward of backward, against that closed form and numerically.
"""

import numpy as np
import pytest

from kata import checks
from tests.higher_order import derivatives

SHAPES = [(), (4,), (2, 3)]
CLOSED_FORMS = {"sin": np.sin, "cos": np.cos}


@pytest.fixture
def F(dezero):
    """dezero.functions, as the book imports it: `import dezero.functions as F`."""
    return dezero.functions


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("name", CLOSED_FORMS)
def test_forward(dezero, F, name, shape):
    data = checks.seeded().uniform(-4, 4, size=shape)
    y = getattr(F, name)(dezero.Variable(data))
    checks.instance(y, dezero.Variable, f"F.{name}(x)")
    checks.close(y, CLOSED_FORMS[name](data), f"F.{name}(x)")


@pytest.mark.parametrize("name", CLOSED_FORMS)
def test_an_ndarray_goes_in_too(dezero, F, name):
    y = getattr(F, name)(np.array(1.0))
    checks.instance(y, dezero.Variable, f"F.{name}(np.array(1.0)) (Function.__call__ boxes "
                    f"its inputs)")
    checks.close(y, CLOSED_FORMS[name](1.0), f"F.{name}(np.array(1.0))")


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", CLOSED_FORMS)
def test_dtype_is_kept(dezero, F, name, dtype):
    x = dezero.Variable(np.array([0.5, 1.5], dtype=dtype))
    y = getattr(F, name)(x)
    y.backward(create_graph=True)
    gx = x.grad
    x.cleargrad()
    gx.backward()
    for what, value in (("y", y), ("x.grad (f')", gx), ("f''", x.grad)):
        checks.equal(value.dtype, dtype, f"F.{name}: {what}'s dtype for "
                     f"{np.dtype(dtype).name} data")


@pytest.mark.parametrize("name", CLOSED_FORMS)
def test_first_derivative_against_a_numerical_one(dezero, F, name):
    data = checks.seeded().uniform(-3, 3, size=5)
    x = dezero.Variable(data)
    getattr(F, name)(x).backward()
    numerical = checks.numerical_grad(lambda d: float(CLOSED_FORMS[name](d).sum()), data)
    checks.close(x.grad, numerical, f"F.{name}'s backward against a numerical derivative",
                 rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("name", CLOSED_FORMS)
def test_derivatives_go_round_every_four(dezero, F, name, shape):
    data = checks.seeded().uniform(-4, 4, size=shape)
    found = derivatives(dezero, getattr(F, name), data, 5)
    for k, value in enumerate(found, start=1):
        expected = CLOSED_FORMS[name](data + k * np.pi / 2)
        checks.close(value, expected, f"derivative {k} of F.{name} (expected "
                     f"{name}(x + {k}π/2); backward must call dezero's sin/cos, not NumPy's)",
                     rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", CLOSED_FORMS)
def test_second_derivative_against_a_numerical_one(dezero, F, name):
    data = np.array(0.7)

    def first(d):
        x = dezero.Variable(np.array(d))
        getattr(F, name)(x).backward()
        return float(x.grad.data)

    second = derivatives(dezero, getattr(F, name), data, 2)[1]
    checks.close(second, checks.numerical_grad(first, data), f"F.{name}'' against a "
                 f"numerical derivative of its first derivative", rtol=1e-5, atol=1e-8)
