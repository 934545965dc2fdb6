"""Step 43 (solutions/step43/neural_net.py): the book's two-layer network on its sine data,
checked by its result: the book's first loss, and the loss after 1000 iterations.

The book trains 10000 iterations (about a second here); 1000 keep the test fast. The loss
at iteration 1000 was measured on the reference solution.
"""

import numpy as np
import pytest

from kata import checks
from tests.exercise_files import load

pytestmark = pytest.mark.until(43)  # neural_net.py belongs to step 43's folder alone

BOOK_FIRST_LOSS = 0.8473695850105871  # iteration 0, np.random.seed(0)
LOSS_AT_1000 = 0.2514286285183606  # iteration 1000, lr = 0.2 (measured on the reference)


@pytest.fixture
def exercise(dezero, impl_folder):
    dezero.Variable  # noqa: B018  (the dezero fixture first: it puts the folder on the path)
    return load(impl_folder, "neural_net.py", 43)


def test_predict(dezero, exercise):
    x, _, params = exercise.book_setup()
    y = exercise.predict(x, params)
    checks.instance(y, dezero.Variable, "predict(x, params)")
    checks.equal(y.shape, (100, 1), "predict(x, params).shape for x of shape (100, 1)")
    W1, b1, W2, b2 = (p.data for p in params)
    hidden = 1 / (1 + np.exp(-(x @ W1 + b1)))
    checks.close(y, hidden @ W2 + b2, "predict(x, params): linear, sigmoid, linear")


def test_training_follows_the_book(dezero, exercise):
    x, y, params = exercise.book_setup()
    losses = exercise.train(x, y, params, lr=0.2, iters=1001)
    checks.equal(len(losses), 1001, "len(losses) after train(..., iters=1001)")
    checks.close(losses[0], BOOK_FIRST_LOSS, "the loss at iteration 0 (the book's)",
                 rtol=1e-9)
    checks.is_true(losses[1000] <= LOSS_AT_1000 * (1 + 1e-9),
                   f"the loss at iteration 1000: expected at most {LOSS_AT_1000}, got "
                   f"{losses[1000]}")
    checks.close(losses[1000], LOSS_AT_1000, "the loss at iteration 1000", rtol=1e-6)
    checks.equal(params[1].shape, (10,), "b1.shape after training (its grad is summed back "
                 "to (10,))")
