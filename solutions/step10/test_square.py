# BEGIN NEW
"""Step 10: your unit tests for square().

`make test STEP=10` runs them against a correct dezero, where they must pass, and against
broken copies of it, each of which they must catch. On their own, from the repository root:
`.venv/bin/pytest steps/step10/test_square.py`.
"""

import numpy as np
from dezero import Variable, numerical_diff, square


def test_forward():
    """square(x).data is x squared."""
    # BEGIN SOLUTION: build a Variable, square it, assert on the result's data
    x = Variable(np.array(3.0))
    y = square(x)
    assert np.allclose(y.data, 9.0)
    # END SOLUTION


def test_backward():
    """After y = square(x) and y.backward(), x.grad is 2x."""
    # BEGIN SOLUTION: square, backward, then assert on x.grad
    x = Variable(np.array(3.0))
    y = square(x)
    y.backward()
    assert np.allclose(x.grad, 6.0)
    # END SOLUTION


def test_gradient_check():
    """On random input, x.grad agrees with numerical_diff(square, x)."""
    # BEGIN SOLUTION: random input of shape (1,) or more, as the book's np.random.rand(1)
    x = Variable(np.random.default_rng(0).random(3))
    y = square(x)
    y.backward()
    expected = numerical_diff(square, x)
    assert np.allclose(x.grad, expected)
    # END SOLUTION


def test_backward_inside_a_chain():
    """When square is not the last function, its backward multiplies the incoming grad gy."""
    # BEGIN SOLUTION: square(square(x)) is x ** 4: check x.grad against 4x³
    x = Variable(np.array(3.0))
    y = square(square(x))
    y.backward()
    assert np.allclose(x.grad, 4 * 3.0 ** 3)
    # END SOLUTION
# END NEW
