"""Step 59: unchain_backward() on a Variable with no creator (a leaf, or one already cut off)
has nothing behind it to cut: it does nothing, and raises nothing.

A truncated-BPTT loop calls loss.unchain_backward() after every few steps; a Variable made
by the user (the data, an RNN's first hidden state) has no creator at all.
"""

import numpy as np
import pytest

from kata import checks


def unchain_backward_of(variable, what):
    __tracebackhide__ = True
    try:
        variable.unchain_backward()
    except NotImplementedError:
        raise
    except Exception as error:  # any error: the learner sees it in words
        checks.fail(f"{what}.unchain_backward() raised {type(error).__name__}: {error}. "
                    f"{what} has no creator: there is nothing behind it to cut, so "
                    f"unchain_backward() returns at once (if self.creator is None)")


@pytest.mark.explains("returns at once")
def test_unchain_backward_of_a_leaf_does_nothing(dezero):
    data = np.array([1.0, 2.0])
    x = dezero.Variable(data)
    x.grad = dezero.Variable(np.array([0.5, 0.5]))
    grad = x.grad
    unchain_backward_of(x, "x")
    checks.is_true(x.creator is None and x.data is data and x.grad is grad,
                   "x.unchain_backward() for a Variable x with no creator should leave x as "
                   "it was (its data, its grad, no creator)")


@pytest.mark.explains("returns at once")
def test_unchain_backward_after_unchain_does_nothing(dezero):
    x = dezero.Variable(np.array(0.5))
    y = dezero.functions.tanh(x * 2.0)
    y.unchain()  # y is a leaf now: its creator is forgotten
    unchain_backward_of(y, "y")
    checks.is_true(y.creator is None, "y.creator after y.unchain() then y.unchain_backward(): "
                   "expected None")
    y.backward()
    checks.close(y.grad, 1.0, "y.grad after y.backward(), y cut off by y.unchain(): dy/dy")
    checks.is_true(x.grad is None, "x.grad after y, cut off from x, was backpropagated: "
                   "expected None")
