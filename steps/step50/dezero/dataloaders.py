"""Mini-batches out of a Dataset: `for x, t in DataLoader(train_set, batch_size): ...`."""

import math

import numpy as np


class DataLoader:
    """Goes through dataset in batches of batch_size examples, as arrays (x, t).

    One pass (an epoch) gives ceil(len(dataset) / batch_size) batches; the last may be
    smaller. With shuffle=True each epoch takes the examples in a new random order
    (np.random.permutation, so np.random.seed makes it repeatable). At the end of an epoch
    the loader starts over by itself: the next `for` loop is the next epoch.
    """

    def __init__(self, dataset, batch_size, shuffle=True):
        self.dataset = dataset
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.data_size = len(dataset)
        self.max_iter = math.ceil(self.data_size / batch_size)
        self.reset()

    def reset(self):
        """Back to the first batch, in a new order when shuffling."""
        raise NotImplementedError('TODO(step 50): write DataLoader.reset(): iteration 0; index: a permutation, or 0 .. data_size - 1 in order')

    def __iter__(self):
        return self

    def __next__(self):
        """The next batch (x, t), stacked into arrays; StopIteration after the last one."""
        raise NotImplementedError("TODO(step 50): write DataLoader.__next__(): past max_iter: reset, stop; else the batch's examples, stacked")

    def next(self):
        """The next batch, as next(loader) gives it (the book's name)."""
        return self.__next__()
