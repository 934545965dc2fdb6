# BEGIN NEW
"""Step 29 exercise: Newton's method, with the second derivative written by hand.

Near x, a function looks like its Taylor series cut after the x² term, a parabola; Newton's
method jumps to that parabola's lowest point:

    x ← x − f'(x) / f''(x)

DeZero gives f'(x) by backward; f''(x) still has to be worked out by hand (step 33 will
have DeZero compute it too). The test function f(x) = x⁴ − 2x² has its minima at x = ±1.
Check your answers with `make test STEP=29`.
"""

import numpy as np
from dezero import Variable


def f(x):
    """y = x⁴ − 2x², for a Variable x."""
    # BEGIN SOLUTION: the formula, with operators
    return x ** 4 - 2 * x ** 2
    # END SOLUTION


def gx2(x):
    """f''(x), worked out by hand, for an ndarray x (a Variable's data)."""
    # BEGIN SOLUTION: f'(x) = 4x³ − 4x, and differentiate once more
    return 12 * x ** 2 - 4
    # END SOLUTION


def newton(x, iters=10):
    """Newton's method on f from the Variable x, updating its data in place.

    Returns the points the book's loop prints: x at the start of each iteration, as a
    list of `iters` floats.
    """
    # BEGIN SOLUTION: each iteration: note x, forward, clear the grad, backward, Newton's step
    points = []
    for _ in range(iters):
        points.append(float(x.data))
        y = f(x)
        x.cleargrad()  # else the grad of the last iteration would be added to
        y.backward()
        x.data -= x.grad / gx2(x.data)
    return points
    # END SOLUTION


if __name__ == "__main__":  # the book's run: python newton.py
    for i, point in enumerate(newton(Variable(np.array(2.0)))):
        print(i, point)
# END NEW
