"""Step 47: F.clip, F.log, and the loss of classification: F.softmax_cross_entropy_simple
(softmax, clip, log, pick, mean) and F.softmax_cross_entropy (one function, log-sum-exp)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kata import checks
from tests.properties import SETTINGS, array, check_grad, seeds

LOSSES = ["softmax_cross_entropy_simple", "softmax_cross_entropy"]
BOOK_LOSS = 1.4967442524053058  # the book's: variable(1.4967442524053058)


def softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def expected_loss(x, t):
    return -np.mean(np.log(softmax(x)[np.arange(len(t)), t]))


def expected_grad(x, t):
    return (softmax(x) - np.eye(x.shape[1])[t]) / len(t)


def test_clip(dezero, F):
    x = dezero.Variable(np.array([-2.0, 0.0, 0.5, 1.0, 3.0]))
    y = F.clip(x, 0.0, 1.0)
    checks.close(y, [0.0, 0.0, 0.5, 1.0, 1.0], "F.clip(x, 0.0, 1.0)")
    y.backward()
    checks.close(x.grad, [0.0, 1.0, 1.0, 1.0, 0.0], "x.grad after y = F.clip(x, 0.0, 1.0): 1 "
                 "where x was inside [0, 1] (its ends included), 0 where it was clipped")


def test_log(dezero, F):
    check_grad(dezero, F.log, [array((2, 3), seed=6, low=0.2, high=3.0)], "F.log(x)")
    x = dezero.Variable(np.array([1.0, np.e]))
    checks.close(F.log(x), [0.0, 1.0], "F.log([1, e])")


def test_log_of_a_clipped_probability(dezero, F):
    p = dezero.Variable(np.array([0.0, 0.5]))  # a probability of 0: log(0) is -inf
    y = F.log(F.clip(p, 1e-15, 1.0))
    checks.close(y, [np.log(1e-15), np.log(0.5)], "F.log(F.clip(p, 1e-15, 1.0)), p = [0, 0.5]")
    y.backward()
    checks.close(p.grad, [0.0, 2.0], "p.grad after y = log(clip(p, 1e-15, 1)): zero where clip "
                 "held p (finite, no inf from 1 / 0)")


@pytest.mark.parametrize("name", LOSSES)
def test_loss_and_gradient(dezero, F, name):
    x_data = array((4, 3), seed=7)
    t = np.array([2, 0, 1, 0])
    x = dezero.Variable(x_data)
    loss = getattr(F, name)(x, t)
    checks.close(loss, expected_loss(x_data, t), f"F.{name}(x, t) for x of shape (4, 3), "
                 f"t = [2, 0, 1, 0]: the mean of -log(softmax(x)[i, t[i]])")
    checks.equal(loss.shape, (), f"the shape of F.{name}(x, t): one number for the batch")
    loss.backward()
    checks.close(x.grad, expected_grad(x_data, t), f"x.grad after F.{name}(x, t).backward(): "
                 f"(softmax(x) - onehot(t)) / N")


@pytest.mark.parametrize("name", LOSSES)
def test_gradients_over_shapes(dezero, F, name):
    @SETTINGS
    @given(st.integers(1, 4), st.integers(2, 5), st.data(), seeds())
    def check(n, classes, data, seed):
        t = np.array(data.draw(st.lists(st.integers(0, classes - 1), min_size=n, max_size=n)))
        check_grad(dezero, lambda x: getattr(F, name)(x, t),
                   [array((n, classes), seed, low=-4, high=4)], f"F.{name}(x, t={t.tolist()})")

    check()


def test_large_scores_give_the_exact_loss(dezero, F):
    x_data = np.array([[1000.0, 0.0, -1000.0], [0.0, 0.0, 1000.0]])
    t = np.array([2, 0])  # both wrong by 1000 or more: softmax gives them exp(-2000), 0.0
    x = dezero.Variable(x_data)
    loss = F.softmax_cross_entropy(x, t)
    checks.close(loss, 1500.0, "F.softmax_cross_entropy(x, t) for scores 2000 and 1000 below "
                 "the best: (2000 + 1000) / 2, exactly (log(softmax(x)) = x - logsumexp(x), "
                 "computed from x - max)")
    loss.backward()
    checks.close(x.grad, [[0.5, 0.0, -0.5], [-0.5, 0.0, 0.5]], "x.grad at those scores: "
                 "(softmax(x) - onehot(t)) / N, finite", atol=1e-12)


def test_the_simple_loss_is_clipped_and_finite(dezero, F):
    x = dezero.Variable(np.array([[1000.0, 0.0, -1000.0], [0.0, 0.0, 1000.0]]))
    loss = F.softmax_cross_entropy_simple(x, np.array([2, 0]))
    checks.close(loss, -np.log(1e-15), "F.softmax_cross_entropy_simple(x, t) where every "
                 "right class has a probability of about 0: -log(1e-15), the clip's floor "
                 "(softmax must not overflow either: F.softmax, not exp of the scores)")
    loss.backward()
    checks.is_true(np.all(np.isfinite(x.grad.data)), f"x.grad of the clipped loss: finite, "
                   f"got {checks.show(x.grad.data)}")


@pytest.mark.parametrize("name", LOSSES)
def test_float32_stays_float32(dezero, F, name):
    x = dezero.Variable(array((3, 4), seed=8, dtype=np.float32))
    loss = getattr(F, name)(x, np.array([0, 3, 1]))
    loss.backward()
    checks.equal(loss.dtype, np.dtype(np.float32), f"the dtype of F.{name}(x, t), x float32")
    checks.equal(x.grad.dtype, np.dtype(np.float32), f"the dtype of x.grad, F.{name}(x, t), "
                 f"x float32 (a one-hot t in int64 would make it float64)")


@pytest.mark.parametrize("name", LOSSES)
def test_the_books_example(dezero, F, global_seed, name):
    global_seed(0)
    model = dezero.models.MLP((10, 3))
    x = np.array([[0.2, -0.4], [0.3, 0.5], [1.3, -3.2], [2.1, 0.3]])
    t = np.array([2, 0, 1, 0])
    loss = getattr(F, name)(model(x), t)
    checks.close(loss, BOOK_LOSS, f"the book's example: np.random.seed(0); model = MLP((10, "
                 f"3)); F.{name}(model(x), t)", rtol=1e-9)
