# BEGIN NEW
"""Step 28 exercise: gradient descent on the Rosenbrock function.

    y = 100 (x1 − x0²)² + (x0 − 1)²

has its minimum, 0, at (x0, x1) = (1, 1), at the bottom of a long, curved, almost flat
valley. Gradient descent steps against the gradient, a little at a time (the learning
rate), and needs many steps along that valley. Check your answers with `make test STEP=28`.
"""

import numpy as np
from dezero import Variable


def rosenbrock(x0, x1):
    """The Rosenbrock function of two Variables, written with operators."""
    # BEGIN SOLUTION: translate the formula; ** 2 squares
    return 100 * (x1 - x0 ** 2) ** 2 + (x0 - 1) ** 2
    # END SOLUTION


def gradient_descent(x0, x1, lr=0.001, iters=1000):
    """Minimise rosenbrock from the Variables x0, x1, updating their data in place.

    Returns the points the book's loop prints: where (x0, x1) stands at the start of each
    iteration, as a list of `iters` pairs of floats.
    """
    # BEGIN SOLUTION: each iteration: note the point, forward, clear the grads, backward, step
    points = []
    for _ in range(iters):
        points.append((float(x0.data), float(x1.data)))
        y = rosenbrock(x0, x1)
        x0.cleargrad()  # the grads of the last iteration would otherwise be added to
        x1.cleargrad()
        y.backward()
        x0.data -= lr * x0.grad
        x1.data -= lr * x1.grad
    return points
    # END SOLUTION


if __name__ == "__main__":  # the book's run: python rosenbrock.py (first points, and the last)
    points = gradient_descent(Variable(np.array(0.0)), Variable(np.array(2.0)), iters=10000)
    for x0, x1 in points[:3] + points[-1:]:
        print(x0, x1)
# END NEW
