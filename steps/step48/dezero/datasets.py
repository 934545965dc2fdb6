"""Data sets for the book's examples: `x, t = dezero.datasets.get_spiral(train=True)`."""

import numpy as np


def get_spiral(train=True):
    """Three spiral arms in the plane, 100 points each, shuffled: (x, t).

    x has shape (300, 2), float32: the points. t has shape (300,): each point's arm, 0, 1
    or 2 (int64: the book's np.int is gone from NumPy 2). Point i of arm j lies at radius
    i / 100 and angle 4j + 4i / 100, plus noise.
    The global NumPy seed is set (1984 for the training data, 2020 for the test data), as
    the book does: the data, and the random numbers drawn after it, are the book's.
    """
    raise NotImplementedError('TODO(step 48): write get_spiral(): seed; for each arm j and point i: radius, noisy angle; then permute')
