"""Mini-batches out of a Dataset: `for x, t in DataLoader(train_set, batch_size): ...`."""

import math

import numpy as np

from dezero import cuda


class DataLoader:
    """Goes through dataset in batches of batch_size examples, as arrays (x, t).

    One pass (an epoch) gives ceil(len(dataset) / batch_size) batches; the last may be
    smaller. With shuffle=True each epoch takes the examples in a new random order
    (np.random.permutation, so np.random.seed makes it repeatable). At the end of an epoch
    the loader starts over by itself: the next `for` loop is the next epoch.
    """

    def __init__(self, dataset, batch_size, shuffle=True, gpu=False):
        self.dataset = dataset
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.gpu = gpu  # batches as CuPy arrays, on the GPU?
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
        xp = cuda.cupy if self.gpu else np
        if xp is None:
            raise RuntimeError(cuda.MISSING)
        x = xp.array([example[0] for example in batch])
        t = xp.array([example[1] for example in batch])
        self.iteration += 1
        return x, t

    def next(self):
        """The next batch, as next(loader) gives it (the book's name)."""
        return self.__next__()

    def to_cpu(self):
        """From now on, batches as NumPy arrays."""
        self.gpu = False

    def to_gpu(self):
        """From now on, batches as CuPy arrays, on the GPU."""
        self.gpu = True


class SeqDataLoader(DataLoader):
    """Batches that keep time in order: row i of every batch follows row i of the one
    before, one time step later.

    The series is cut into batch_size stretches of len(dataset) // batch_size steps each;
    batch t holds time step t of each stretch. Never shuffled: an RNN's state carries
    from one batch to the next, and must meet the next step of the same stretch.
    """

    def __init__(self, dataset, batch_size, gpu=False):
        super().__init__(dataset=dataset, batch_size=batch_size, shuffle=False, gpu=gpu)

    def __next__(self):
        if self.iteration >= self.max_iter:
            self.reset()
            raise StopIteration
        jump = self.data_size // self.batch_size  # the length of each stretch
        indexes = [(i * jump + self.iteration) % self.data_size
                   for i in range(self.batch_size)]
        batch = [self.dataset[i] for i in indexes]
        xp = cuda.cupy if self.gpu else np
        if xp is None:
            raise RuntimeError(cuda.MISSING)
        x = xp.array([example[0] for example in batch])
        t = xp.array([example[1] for example in batch])
        self.iteration += 1
        return x, t
