"""Step 50: dezero.DataLoader(dataset, batch_size, shuffle=True), the mini-batches of an
epoch, and F.accuracy(y, t)."""

import numpy as np

from kata import checks


def numbered(dezero, size=7, transform=None):
    """A Dataset of size examples: x = [i, -i] (float32), t = i."""

    class Numbered(dezero.datasets.Dataset):
        def prepare(self):
            i = np.arange(size)
            self.data = np.stack([i, -i], axis=1).astype(np.float32)
            self.label = i

    return Numbered(transform=transform)


def epoch(loader):
    return [(x, t) for x, t in loader]


def test_the_batches_of_an_epoch_in_order(dezero):
    loader = dezero.DataLoader(numbered(dezero), batch_size=3, shuffle=False)
    batches = epoch(loader)
    checks.equal(len(batches), 3, "how many batches one pass over DataLoader(7 examples, "
                 "batch_size=3) gives: ceil(7 / 3), the last one smaller")
    checks.equal([t.tolist() for _, t in batches], [[0, 1, 2], [3, 4, 5], [6]], "the labels "
                 "of each batch of DataLoader(7 examples, batch_size=3, shuffle=False)")
    x, _ = batches[0]
    checks.is_array(x, "x of the first batch")
    checks.close(x, np.array([[0.0, -0.0], [1.0, -1.0], [2.0, -2.0]]), "x of the first batch "
                 "(the examples stacked: shape (3, 2))")
    checks.equal(x.dtype, np.dtype(np.float32), "the dtype of a batch of float32 examples")


def test_a_new_epoch_starts_by_itself(dezero):
    loader = dezero.DataLoader(numbered(dezero), batch_size=4, shuffle=False)
    first, second = epoch(loader), epoch(loader)
    checks.equal(len(second), 2, "how many batches the second `for` loop over the same "
                 "loader gives: at the end of an epoch the loader resets itself")
    checks.equal([t.tolist() for _, t in second], [t.tolist() for _, t in first],
                 "the batches of the second epoch without shuffling")
    x, t = loader.next()
    checks.equal(t.tolist(), [0, 1, 2, 3], "loader.next(): the first batch of a new epoch")
    loader.reset()
    checks.equal(loader.next()[1].tolist(), [0, 1, 2, 3], "loader.next() after reset(): "
                 "back to the first batch")


def test_shuffle_takes_a_new_order_each_epoch(dezero):
    np.random.seed(7)
    loader = dezero.DataLoader(numbered(dezero, size=10), batch_size=4)
    orders = [np.concatenate([t for _, t in epoch(loader)]).tolist() for _ in range(3)]
    for order in orders:
        checks.equal(sorted(order), list(range(10)), f"the labels of one shuffled epoch, "
                     f"sorted: every example exactly once (got the order {order})")
    np.random.seed(7)
    books = [np.random.permutation(10).tolist() for _ in range(3)]
    checks.equal(orders, books, "the orders of three shuffled epochs after np.random.seed(7): "
                 "DataLoader() draws np.random.permutation(len(dataset)) when made, and again "
                 "each time an epoch ends (the book's order of random numbers)")


def test_the_dataset_transforms_are_applied(dezero):
    loader = dezero.DataLoader(numbered(dezero, transform=lambda x: x * 10), 2, shuffle=False)
    x, _ = loader.next()
    checks.close(x, np.array([[0.0, 0.0], [10.0, -10.0]]), "the first batch of a loader "
                 "over a dataset with transform=lambda x: x * 10: the examples are taken "
                 "out with dataset[i]")


def test_accuracy(dezero):
    F = dezero.functions
    y = dezero.Variable(np.array([[0.1, 0.9, 0.0], [0.8, 0.1, 0.1], [0.2, 0.3, 0.5],
                                  [0.0, 0.0, 1.0]]))
    t = np.array([1, 2, 2, 2])
    got = F.accuracy(y, t)
    checks.instance(got, dezero.Variable, "F.accuracy(y, t)")
    checks.close(got, 0.75, "F.accuracy(y, t) where the highest scores pick [1, 0, 2, 2] and "
                 "t = [1, 2, 2, 2]")
    checks.equal(got.data.shape, (), "the shape of F.accuracy(y, t).data: one number")
    checks.is_true(got.creator is None, "F.accuracy's result should record no graph (it is "
                   "a measure, not a loss: no gradient goes through argmax)")
    checks.close(F.accuracy(y.data, t), 0.75, "F.accuracy of plain arrays (y.data, t)")
    checks.close(F.accuracy(y, t.reshape(4, 1)), 0.75, "F.accuracy(y, t) with t of shape "
                 "(4, 1): the predictions take t's shape")
    scores = checks.seeded().normal(size=(50, 5))
    labels = checks.seeded(1).integers(0, 5, 50)
    checks.close(F.accuracy(scores, labels), (scores.argmax(axis=1) == labels).mean(),
                 "F.accuracy on 50 random rows of 5 scores")
