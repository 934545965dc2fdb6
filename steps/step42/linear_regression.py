"""Step 42: linear regression, y = x W + b fitted by gradient descent on the mean squared error.

The book's data: 100 points x in [0, 1), y = 5 + 2x + noise in [0, 1). From W = 0, b = 0,
100 iterations with lr = 0.1 reach W = 2.11807369, b = 5.46608905, loss 0.0790860651.

Run it: `python linear_regression.py` in this folder (with matplotlib installed it also
draws the data and the line; without it, one line says so).
"""

import dezero.functions as F
import numpy as np
from dezero import Variable


def toy_data(seed=0, n=100):
    """The book's data as (x, y), arrays of shape (n, 1).

    np.random.RandomState(seed) draws the numbers the book gets after np.random.seed(seed),
    without changing NumPy's global random state.
    """
    rng = np.random.RandomState(seed)
    x = rng.rand(n, 1)
    y = 5 + 2 * x + rng.rand(n, 1)  # the noise makes the best b about 5.5
    return x, y


def predict(x, W, b):
    """y = x W + b: x of shape (N, 1), W (1, 1), b (1,) broadcast over the N rows."""
    raise NotImplementedError("TODO(step 42): write predict(): F.matmul, then + b (step 40 sums b's grad back to its shape)")


def train(x, y, lr=0.1, iters=100):
    """Fit W (shape (1, 1)) and b (shape (1,)), both starting at zero, by gradient descent.

    Each iteration: predict, the mean squared error against y, clear both grads, backward,
    and step W.data and b.data against their grads. Returns (W, b, losses): the Variables,
    and each iteration's loss as a float (computed before that iteration's update).
    """
    raise NotImplementedError("TODO(step 42): write train(): the book's loop; remember float(loss.data) each time")


def plot(x, y, W, b):
    """The data and the fitted line, if matplotlib is installed (it is optional)."""
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot (pip install matplotlib to draw one)")
        return
    plt.scatter(x, y, s=10)
    line = np.array([[0.0], [1.0]])
    plt.plot(line, predict(line, W, b).data, color="r")
    plt.xlabel("x")
    plt.ylabel("y")
    plt.show()


if __name__ == "__main__":
    x, y = toy_data()
    W, b, losses = train(x, y)
    print(f"W = {W.data}, b = {b.data}, loss = {losses[-1]}")
    plot(x, y, W, b)
