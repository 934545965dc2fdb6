"""Step 60: dezero.SeqDataLoader: batch t holds time step t of batch_size stretches of the
series, so that row i of each batch continues row i of the batch before."""

import numpy as np

from kata import checks


def counting_dataset(dezero, n):
    """A dataset whose example k is (k, 100 + k): the batches show which examples they hold."""

    class Counting(dezero.Dataset):
        def prepare(self):
            self.data = np.arange(n, dtype=np.float64).reshape(n, 1)
            self.label = self.data + 100

    return Counting()


def test_rows_are_stretches_of_the_series(dezero):
    loader = dezero.SeqDataLoader(counting_dataset(dezero, 12), batch_size=3)
    batches = list(loader)
    checks.equal(len(batches), 4, "batches of SeqDataLoader(12 examples, batch_size=3) in "
                 "one pass")
    x, t = batches[0]
    checks.equal(x.shape, (3, 1), "the first batch's x shape")
    xs = np.array([x[:, 0] for x, _ in batches])
    checks.close(xs, [[0, 4, 8], [1, 5, 9], [2, 6, 10], [3, 7, 11]],
                 "the examples in each batch (a row per batch): jump = 12 // 3 = 4, batch t "
                 "holds examples t, 4 + t, 8 + t")
    checks.close(np.array([t[:, 0] for _, t in batches]), xs + 100, "each batch's labels: the "
                 "labels of the same examples")


def test_an_uneven_split(dezero):
    """10 examples in batches of 3: stretches of 3 (jump), and 4 batches (max_iter, as in
    DataLoader): the last batch reads the first point of the next stretch, which is where
    each row's series goes on."""
    loader = dezero.SeqDataLoader(counting_dataset(dezero, 10), batch_size=3)
    xs = np.array([x[:, 0] for x, _ in loader])
    checks.close(xs, [[0, 3, 6], [1, 4, 7], [2, 5, 8], [3, 6, 9]], "SeqDataLoader(10 "
                 "examples, batch_size=3): examples (i * 3 + t) % 10 for row i of batch t")


def test_never_shuffled_and_starts_again(dezero):
    np.random.seed(0)
    loader = dezero.SeqDataLoader(counting_dataset(dezero, 8), batch_size=2)
    first = [x.copy() for x, _ in loader]
    again = [x.copy() for x, _ in loader]
    checks.close(np.array(again), np.array(first), "a second pass of a SeqDataLoader: the "
                 "same batches in the same order (no shuffling, and the pass starts over)")


def test_on_the_sine_curve(dezero):
    np.random.seed(0)
    train = dezero.datasets.SinCurve(train=True)
    loader = dezero.SeqDataLoader(train, batch_size=30)
    x0, t0 = next(loader)
    x1, _ = next(loader)
    checks.equal(x0.shape, (30, 1), "SeqDataLoader(SinCurve(), batch_size=30): x's shape")
    checks.close(x1, t0, "the second batch's x against the first batch's t: the next point "
                 "of each stretch of the curve")
