"""Step 42 (solutions/step42/linear_regression.py): the book's linear regression, checked by
its result: the book's W, b and loss after its 100 iterations from its seeded data."""

import numpy as np
import pytest

from kata import checks
from tests.exercise_files import load

pytestmark = pytest.mark.until(42)  # linear_regression.py belongs to step 42's folder alone

# The book's figures: np.random.seed(0), 100 iterations, lr = 0.1, W and b from zeros.
BOOK_W, BOOK_B, BOOK_LOSS = 2.11807369, 5.46608905, 0.07908606512411756


@pytest.fixture
def exercise(dezero, impl_folder):
    dezero.Variable  # noqa: B018  (the dezero fixture first: it puts the folder on the path)
    return load(impl_folder, "linear_regression.py", 42)


def test_predict(dezero, exercise):
    x = np.array([[0.0], [1.0], [2.0]])
    W = dezero.Variable(np.array([[2.0]]))
    b = dezero.Variable(np.array([5.0]))
    y = exercise.predict(x, W, b)
    checks.instance(y, dezero.Variable, "predict(x, W, b)")
    checks.close(y, [[5.0], [7.0], [9.0]], "predict(x, W, b) for W = [[2]], b = [5]: x W + b")


def test_training_reaches_the_books_figures(dezero, exercise):
    x, y = exercise.toy_data()
    W, b, losses = exercise.train(x, y, lr=0.1, iters=100)
    checks.equal(len(losses), 100, "len(losses) after train(x, y, iters=100)")
    checks.is_true(losses[-1] <= BOOK_LOSS * (1 + 1e-9),
                   f"the loss of the 100th iteration: expected at most the book's {BOOK_LOSS}, "
                   f"got {losses[-1]}")
    checks.close(losses[-1], BOOK_LOSS, "the loss of the 100th iteration (the book's)",
                 rtol=1e-6)
    checks.equal(W.shape, (1, 1), "W.shape after training")
    checks.equal(b.shape, (1,), "b.shape after training (b's grad is summed back to (1,))")
    checks.close(W, [[BOOK_W]], "W after 100 iterations (the book's)", rtol=1e-6)
    checks.close(b, [BOOK_B], "b after 100 iterations (the book's)", rtol=1e-6)


def test_the_loss_goes_down(exercise):
    x, y = exercise.toy_data()
    _, _, losses = exercise.train(x, y, lr=0.1, iters=30)
    checks.is_true(all(isinstance(loss, float) for loss in losses),
                   "train's losses should be Python floats (float(loss.data))")
    first_drops = all(later < earlier for earlier, later in zip(losses[:10], losses[1:11]))
    checks.is_true(first_drops, f"the loss should fall at each of the first iterations, got "
                                f"{[round(loss, 4) for loss in losses[:11]]}")
