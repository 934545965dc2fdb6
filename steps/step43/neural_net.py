"""Step 43: a neural network with one hidden layer, fitted to the book's noisy sine curve.

A straight line cannot follow a sine; a layer of sigmoids between two linear maps can:
y = linear(sigmoid(linear(x, W1, b1)), W2, b2). Trained by gradient descent on the mean
squared error, as step 42's line. With the book's seed, lr = 0.2 and 10000 iterations, the
loss is 0.8473695850105871 at iteration 0 (the book's figure), 0.2514 at 1000, and falls to
0.0772 by iteration 9000.

Run it: `python neural_net.py` in this folder prints the loss every 1000 iterations (with
matplotlib installed it also draws the data and the fitted curve; without it, one line).
"""

import dezero.functions as F
import numpy as np
from dezero import Variable


def book_setup(seed=0, hidden_size=10):
    """The book's data and initial parameters: (x, y, [W1, b1, W2, b2]).

    One np.random.RandomState(seed) draws, in the book's order, x, the noise, W1 and W2:
    the numbers the book gets after np.random.seed(seed). x and y have shape (100, 1); the
    weights start small (0.01 times normal numbers), the biases at zero.
    """
    rng = np.random.RandomState(seed)
    x = rng.rand(100, 1)
    y = np.sin(2 * np.pi * x) + rng.rand(100, 1)
    W1 = Variable(0.01 * rng.randn(1, hidden_size))
    b1 = Variable(np.zeros(hidden_size))
    W2 = Variable(0.01 * rng.randn(hidden_size, 1))
    b2 = Variable(np.zeros(1))
    return x, y, [W1, b1, W2, b2]


def predict(x, params):
    """The network's output for x of shape (N, 1): linear, sigmoid, linear; shape (N, 1)."""
    raise NotImplementedError('TODO(step 43): write predict(): F.linear with W1, b1; F.sigmoid; F.linear with W2, b2')


def train(x, y, params, lr=0.2, iters=10000):
    """Gradient descent on the mean squared error, updating the params' data in place.

    Returns each iteration's loss as a float, computed before that iteration's update (the
    book prints losses[0], losses[1000], ...).
    """
    raise NotImplementedError("TODO(step 43): write train(): step 42's loop, over the four parameters")


def plot(x, y, params):
    """The data and the network's curve, if matplotlib is installed (it is optional)."""
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot (pip install matplotlib to draw one)")
        return
    plt.scatter(x, y, s=10)
    t = np.linspace(0, 1, 100).reshape(100, 1)
    plt.plot(t, predict(t, params).data, color="r")
    plt.xlabel("x")
    plt.ylabel("y")
    plt.show()


if __name__ == "__main__":
    x, y, params = book_setup()
    losses = train(x, y, params)
    for i in range(0, len(losses), 1000):
        print(i, losses[i])
    plot(x, y, params)
