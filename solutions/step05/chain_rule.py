# BEGIN NEW
"""Step 5 exercise: backpropagation by hand, with the chain rule.

    y = square(exp(square(x)))   is three functions in a row:
    a = A(x) = x ** 2        b = B(a) = e ** a        y = C(b) = b ** 2

The chain rule: dy/dx = dy/db * db/da * da/dx. Each factor is one function's own (local)
derivative, taken at that function's own input. Multiplying them from the output back to x
is the order backpropagation follows; every value here is an ndarray, no Variable needed.
Check your answers with `make test STEP=5`.
"""

import numpy as np


def forward(x):
    """The values the forward pass computes, in order: (a, b, y)."""
    a = x ** 2
    b = np.exp(a)
    y = b ** 2
    return a, b, y


def square_derivative(x):
    """The derivative of x ** 2 at x."""
    # BEGIN SOLUTION
    return 2 * x
    # END SOLUTION


def exp_derivative(x):
    """The derivative of e ** x at x."""
    # BEGIN SOLUTION
    return np.exp(x)
    # END SOLUTION


def local_derivatives(x):
    """[dy/db, db/da, da/dx] at x: output first, each at its own function's input."""
    # BEGIN SOLUTION: C's derivative at b, then B's at a, then A's at x
    a, b, _ = forward(x)
    return [square_derivative(b), exp_derivative(a), square_derivative(x)]
    # END SOLUTION


def chain(derivatives):
    """Multiply local derivatives from the output backwards, starting from dy/dy = 1."""
    # BEGIN SOLUTION: keep a running product, one factor per function
    grad = 1.0
    for derivative in derivatives:
        grad = grad * derivative
    return grad
    # END SOLUTION


def dy_dx(x):
    """dy/dx at x, by the chain rule."""
    return chain(local_derivatives(x))
# END NEW
