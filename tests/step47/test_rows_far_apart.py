"""Step 47: log-sum-exp takes the maximum of each row, not of the whole batch: rows whose
scores lie far apart (1000 and -1000) each keep an exact loss."""

import numpy as np

from kata import checks

X = np.array([[1000.0, 0.0], [-1000.0, -1001.0]])  # two rows 2000 apart
T = np.array([1, 1])
SECOND_ROW = -1000.0 + np.log1p(np.exp(-1.0))  # log(exp(-1000) + exp(-1001)), exactly
HINT = ("each row has its own maximum m = x.max(axis=axis, keepdims=True): with one m for "
        "the batch (1000), every exp of the second row is exp(-2000) = 0, and log(0) = -inf")


def test_logsumexp_takes_each_rows_maximum(dezero):
    got = dezero.utils.logsumexp(X.copy(), axis=1)
    checks.close(got, [[1000.0], [SECOND_ROW]], f"utils.logsumexp(x, axis=1) for the rows "
                 f"[1000, 0] and [-1000, -1001]: {HINT}", rtol=1e-12)


def test_the_loss_of_rows_far_apart_is_exact(dezero):
    x = dezero.Variable(X.copy())
    loss = dezero.functions.softmax_cross_entropy(x, T)
    expected = (1000.0 + (1001.0 + SECOND_ROW)) / 2  # the mean of -log p[i, t[i]]
    checks.close(loss, expected, f"F.softmax_cross_entropy(x, t) for the rows [1000, 0] and "
                 f"[-1000, -1001], t = [1, 1]: {HINT}", rtol=1e-12)
