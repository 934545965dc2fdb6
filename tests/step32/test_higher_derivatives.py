"""Step 32: every operation's backward can itself be differentiated.

Each case is a function of one variable that uses some operations; its first and second
derivatives, from backward(create_graph=True) and then backward of the grad, are checked
against closed forms and against a numerical derivative of the first derivative.
"""

import numpy as np
import pytest

from kata import checks

SHAPES = [(), (3,), (2, 3)]

# name: (f, f', f''), f written with the package's functions and operators
CASES = {
    "square": (lambda d, x: d.square(x), lambda x: 2 * x, lambda x: 2 + 0 * x),
    "exp": (lambda d, x: d.exp(x), np.exp, np.exp),
    "add, mul": (lambda d, x: x * x + x, lambda x: 2 * x + 1, lambda x: 2 + 0 * x),
    "neg, sub": (lambda d, x: -(x * x) - x, lambda x: -2 * x - 1, lambda x: -2 + 0 * x),
    "rsub": (lambda d, x: 3.0 - x * x * x, lambda x: -3 * x ** 2, lambda x: -6 * x),
    "div": (lambda d, x: x / (x + 2.0), lambda x: 2 / (x + 2) ** 2, lambda x: -4 / (x + 2) ** 3),
    "rdiv": (lambda d, x: 1.0 / x, lambda x: -1 / x ** 2, lambda x: 2 / x ** 3),
    "pow": (lambda d, x: x ** 3, lambda x: 3 * x ** 2, lambda x: 6 * x),
    "pow 1.5": (lambda d, x: x ** 1.5, lambda x: 1.5 * x ** 0.5, lambda x: 0.75 * x ** -0.5),
}


def first_and_second(dezero, f, data):
    """(f'(x), f''(x)) by backward(create_graph=True), then backward of the gradient."""
    x = dezero.Variable(data)
    y = f(dezero, x)
    y.backward(create_graph=True)
    gx = x.grad
    x.cleargrad()
    gx.backward()
    second = x.grad
    x.cleargrad()  # gx's graph holds x: leave no cycle behind
    return gx, second


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("name", CASES)
def test_second_derivative(dezero, name, shape):
    f, df, d2f = CASES[name]
    data = checks.seeded().uniform(0.5, 2.0, size=shape)
    gx, second = first_and_second(dezero, f, data)
    checks.close(gx, df(data), f"f'(x) for {name}, from backward(create_graph=True)")
    checks.is_true(second is not None, f"{name}: x.grad is None after gx.backward(): gx's "
                   f"graph does not reach x (backward must use the input Variables)")
    checks.close(second, d2f(data), f"f''(x) for {name}, from gx.backward()", rtol=1e-6)

    def first_derivative(values):  # f' from a plain backward, for a numerical f''
        x = dezero.Variable(values)
        f(dezero, x).backward()
        return float(x.grad.data.sum())

    if shape == ():  # f'' by central difference of f' (f is elementwise: one point suffices)
        checks.close(second, checks.numerical_grad(first_derivative, data), f"f''(x) for {name} "
                     f"against a numerical derivative of f'", rtol=1e-4, atol=1e-6)


def test_third_derivative(dezero):
    """Differentiating again: x ** 4 at x = 1.5, derivatives 4x³, 12x², 24x."""
    x = dezero.Variable(np.array(1.5))
    y = x ** 4
    y.backward(create_graph=True)
    for expected in (12 * 1.5 ** 2, 24 * 1.5):
        gx = x.grad
        x.cleargrad()
        gx.backward(create_graph=True)
        checks.close(x.grad, expected, "the next derivative of x ** 4 at x = 1.5")
    x.cleargrad()
