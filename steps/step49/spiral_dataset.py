"""Step 49: step 48's training, with the data as a Dataset: batches made of examples.

The book's script: Spiral(train=True) gives one example (x, t) at a time; a batch is the
list of the examples at the batch's indices, stacked into two arrays. Everything else is
step 48's loop, and it gives step 48's losses to the last digit: same data, same order.

Run it (`../../.venv/bin/python spiral_dataset.py` in this folder): it prints the loss
every 30 epochs.
"""

import math

import dezero
import dezero.functions as F
import numpy as np
from dezero import optimizers
from dezero.models import MLP


def get_batch(dataset, batch_index):
    """The examples of dataset at batch_index, as two arrays: (x of the batch, t)."""
    raise NotImplementedError("TODO(step 49): write get_batch(): the list of dataset[i]; stack the x's, stack the t's")


def train(max_epoch=300, batch_size=30, hidden_size=10, lr=1.0):
    """Step 48's training on Spiral(train=True): returns (model, each epoch's average loss)."""
    train_set = dezero.datasets.Spiral(train=True)  # seeds NumPy, as get_spiral does
    model = MLP((hidden_size, 3))
    optimizer = optimizers.SGD(lr).setup(model)
    raise NotImplementedError("TODO(step 49): write train(): step 48's loop, with the batches from get_batch(train_set, batch_index)")


def main():
    _, losses = train()
    for epoch in range(0, len(losses), 30):
        print(f"epoch {epoch + 1}, loss {losses[epoch]:.2f}")
    print(f"epoch {len(losses)}, loss {losses[-1]:.2f} ({losses[-1]})")


if __name__ == "__main__":
    main()
