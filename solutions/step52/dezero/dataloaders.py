"""Mini-batches out of a Dataset: `for x, t in DataLoader(train_set, batch_size): ...`."""

import math

import numpy as np

# BEGIN NEW
from dezero import cuda
# END NEW


class DataLoader:
    """Goes through dataset in batches of batch_size examples, as arrays (x, t).

    One pass (an epoch) gives ceil(len(dataset) / batch_size) batches; the last may be
    smaller. With shuffle=True each epoch takes the examples in a new random order
    (np.random.permutation, so np.random.seed makes it repeatable). At the end of an epoch
    the loader starts over by itself: the next `for` loop is the next epoch.
    """

    # BEGIN SOLUTION: gpu=False: keep it as self.gpu
    def __init__(self, dataset, batch_size, shuffle=True, gpu=False):
        self.dataset = dataset
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.gpu = gpu  # batches as CuPy arrays, on the GPU?
    # BEGIN SKELETON
    # def __init__(self, dataset, batch_size, shuffle=True):
    #     self.dataset = dataset
    #     self.batch_size = batch_size
    #     self.shuffle = shuffle
    # END SOLUTION
        self.data_size = len(dataset)
        self.max_iter = math.ceil(self.data_size / batch_size)
        self.reset()

    def reset(self):
        """Back to the first batch, in a new order when shuffling."""
        self.iteration = 0
        if self.shuffle:
            self.index = np.random.permutation(self.data_size)
        else:
            self.index = np.arange(self.data_size)

    def __iter__(self):
        return self

    def __next__(self):
        """The next batch (x, t), stacked into arrays; StopIteration after the last one."""
        if self.iteration >= self.max_iter:
            self.reset()  # ready for the next epoch
            raise StopIteration
        start = self.iteration * self.batch_size
        batch_index = self.index[start:start + self.batch_size]
        batch = [self.dataset[i] for i in batch_index]
        # BEGIN SOLUTION: stack the batch with cupy when self.gpu, else numpy
        xp = cuda.cupy if self.gpu else np
        if xp is None:
            raise RuntimeError(cuda.MISSING)
        x = xp.array([example[0] for example in batch])
        t = xp.array([example[1] for example in batch])
        # BEGIN SKELETON
        # x = np.array([example[0] for example in batch])
        # t = np.array([example[1] for example in batch])
        # END SOLUTION
        self.iteration += 1
        return x, t

    def next(self):
        """The next batch, as next(loader) gives it (the book's name)."""
        return self.__next__()

    # BEGIN NEW
    def to_cpu(self):
        """From now on, batches as NumPy arrays."""
        # BEGIN SOLUTION: self.gpu off
        self.gpu = False
        # END SOLUTION

    def to_gpu(self):
        """From now on, batches as CuPy arrays, on the GPU."""
        # BEGIN SOLUTION: self.gpu on
        self.gpu = True
        # END SOLUTION
    # END NEW
