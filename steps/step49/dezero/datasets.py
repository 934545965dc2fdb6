"""Data sets for the book's examples: `dezero.datasets.Spiral(train=True)` (step 49), the
plain arrays of `x, t = dezero.datasets.get_spiral(train=True)` (step 48)."""

import numpy as np


def get_spiral(train=True):
    """Three spiral arms in the plane, 100 points each, shuffled: (x, t).

    x has shape (300, 2), float32: the points. t has shape (300,): each point's arm, 0, 1
    or 2 (int64: the book's np.int is gone from NumPy 2). Point i of arm j lies at radius
    i / 100 and angle 4j + 4i / 100, plus noise.
    The global NumPy seed is set (1984 for the training data, 2020 for the test data), as
    the book does: the data, and the random numbers drawn after it, are the book's.
    """
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


class Dataset:
    """A data set: `dataset[i]` is the pair (x, t) of example i, `len(dataset)` its size.

    A subclass fills self.data (and self.label, or leaves it None for data without labels)
    in prepare(). transform is applied to each x as it is taken out, target_transform to
    each t: the stored data stay as they are (step 49's preprocessing).
    """

    def __init__(self, train=True, transform=None, target_transform=None):
        self.train = train
        raise NotImplementedError('TODO(step 49): write Dataset.__init__(): keep the transforms (None means: leave the value as it is); prepare')

    def __getitem__(self, index):
        """Example index, transformed: (x, t), or (x, None) when there are no labels."""
        if not np.isscalar(index):  # a batch is [dataset[i] for i in batch_index]
            raise TypeError(f"{type(self).__name__}[index] takes one integer index, got "
                            f"{type(index).__name__}; for a batch use "
                            f"[dataset[i] for i in batch_index]")
        raise NotImplementedError('TODO(step 49): write Dataset.__getitem__(): transform data[index]; the label through target_transform, or None')

    def __len__(self):
        raise NotImplementedError('TODO(step 49): write Dataset.__len__(): the number of examples')

    def prepare(self):
        """Fill self.data and self.label: each data set does it its own way."""


def _identity(x):
    return x


class Spiral(Dataset):
    """The spiral of step 48 as a Dataset: 300 points (x of shape (2,)), labels 0, 1, 2."""

    def prepare(self):
        raise NotImplementedError("TODO(step 49): write Spiral.prepare(): the arrays of get_spiral, for this data set's train flag")
