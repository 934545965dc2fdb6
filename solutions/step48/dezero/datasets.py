# BEGIN NEW
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
    # BEGIN SOLUTION: seed; for each arm j and point i: radius, noisy angle; then permute
    np.random.seed(seed=1984 if train else 2020)
    num_data, num_class, input_dim = 100, 3, 2
    data_size = num_class * num_data
    x = np.zeros((data_size, input_dim), dtype=np.float32)
    t = np.zeros(data_size, dtype=np.int64)
    for j in range(num_class):
        for i in range(num_data):
            rate = i / num_data
            radius = 1.0 * rate
            theta = j * 4.0 + 4.0 * rate + np.random.randn() * 0.2  # one draw per point
            index = num_data * j + i
            x[index] = radius * np.sin(theta), radius * np.cos(theta)
            t[index] = j
    indices = np.random.permutation(data_size)  # the arms mixed: batches see every class
    return x[indices], t[indices]
    # END SOLUTION
# END NEW
