"""Step 48: a network learns to tell three spiral arms apart (multi-class classification).

The book's training: the spiral data (300 points, 3 classes), MLP((10, 3)), SGD(lr=1.0),
300 epochs of mini-batches of 30 points in a new random order each epoch, and the loss
F.softmax_cross_entropy. The average loss of an epoch falls from 1.13 to 0.13.

Run it (`../../.venv/bin/python spiral.py` in this folder): it prints the loss every 30
epochs and the accuracy, and draws the regions the network gives each class (needs
matplotlib; without it, one line says so).
"""

import math

import dezero
import dezero.functions as F
import numpy as np
from dezero import optimizers
from dezero.models import MLP

FIGURE = "spiral.png"


# BEGIN NEW
def train(max_epoch=300, batch_size=30, hidden_size=10, lr=1.0):
    """The book's training loop: returns (model, the average loss of each epoch).

    An epoch's average loss weighs each batch's loss by the batch's size (the last batch
    may be smaller), so that it is the mean over the epoch's points.
    """
    x, t = dezero.datasets.get_spiral(train=True)  # it seeds NumPy: the book's very run
    model = MLP((hidden_size, 3))
    optimizer = optimizers.SGD(lr).setup(model)
    # BEGIN SOLUTION: per epoch: a permutation, batches in order, backward, update; average
    data_size = len(x)
    max_iter = math.ceil(data_size / batch_size)
    losses = []
    for _ in range(max_epoch):
        index = np.random.permutation(data_size)  # a new order every epoch
        sum_loss = 0.0
        for i in range(max_iter):
            batch_index = index[i * batch_size:(i + 1) * batch_size]
            batch_x, batch_t = x[batch_index], t[batch_index]
            loss = F.softmax_cross_entropy(model(batch_x), batch_t)
            model.cleargrads()
            loss.backward()
            optimizer.update()
            sum_loss += float(loss.data) * len(batch_t)
        losses.append(sum_loss / data_size)
    return model, losses
    # END SOLUTION


def accuracy(model, x, t):
    """The share of the points whose highest score is their own class (a float).

    Only forward is needed: under dezero.no_grad() no graph is recorded (step 18).
    """
    # BEGIN SOLUTION: model(x) under no_grad; argmax of each row against t; the mean
    with dezero.no_grad():
        y = model(x)
    return float((y.data.argmax(axis=1) == t).mean())
    # END SOLUTION
# END NEW


def plot(model, x, t, to_file=FIGURE):
    """The class the model gives each point of the plane, as colours, and the data on top
    (the book's figure). Needs matplotlib; without it, one line says so."""
    try:
        import matplotlib
    except ImportError:
        print(f"no figure: matplotlib is not installed (.venv/bin/python -m pip install "
              f"matplotlib to draw {to_file})")
        return None
    matplotlib.use("Agg")  # to a file, without a window
    import matplotlib.pyplot as plt

    h = 0.01
    x0, x1 = np.meshgrid(np.arange(-1.1, 1.1, h), np.arange(-1.1, 1.1, h))
    grid = np.c_[x0.ravel(), x1.ravel()].astype(np.float32)
    with dezero.no_grad():
        classes = model(grid).data.argmax(axis=1).reshape(x0.shape)
    figure, axes = plt.subplots()
    axes.contourf(x0, x1, classes)
    for c, marker in zip(range(3), "ox^"):
        axes.scatter(x[t == c, 0], x[t == c, 1], s=40, marker=marker)
    figure.savefig(to_file)
    plt.close(figure)
    print(f"wrote {to_file}")
    return to_file


def main():
    model, losses = train()
    for epoch in range(0, len(losses), 30):
        print(f"epoch {epoch + 1}, loss {losses[epoch]:.2f}")
    print(f"epoch {len(losses)}, loss {losses[-1]:.2f} ({losses[-1]})")
    x, t = dezero.datasets.get_spiral(train=True)
    x_test, t_test = dezero.datasets.get_spiral(train=False)
    print(f"accuracy: {accuracy(model, x, t):.3f} on the training data, "
          f"{accuracy(model, x_test, t_test):.3f} on the test data")
    plot(model, x, t)


if __name__ == "__main__":
    main()
