"""Step 10: your unit tests for square().

`make test STEP=10` runs them against a correct dezero, where they must pass, and against
broken copies of it, each of which they must catch. On their own, from the repository root:
`.venv/bin/pytest steps/step10/test_square.py`.
"""

import numpy as np
from dezero import Variable, numerical_diff, square


def test_forward():
    """square(x).data is x squared."""
    raise NotImplementedError("TODO(step 10): write test_forward(): build a Variable, square it, assert on the result's data")


def test_backward():
    """After y = square(x) and y.backward(), x.grad is 2x."""
    raise NotImplementedError('TODO(step 10): write test_backward(): square, backward, then assert on x.grad')


def test_gradient_check():
    """On random input, x.grad agrees with numerical_diff(square, x)."""
    raise NotImplementedError("TODO(step 10): write test_gradient_check(): random input of shape (1,) or more, as the book's np.random.rand(1)")


def test_backward_inside_a_chain():
    """When square is not the last function, its backward multiplies the incoming grad gy."""
    raise NotImplementedError('TODO(step 10): write test_backward_inside_a_chain(): square(square(x)) is x ** 4: check x.grad against 4x³')
