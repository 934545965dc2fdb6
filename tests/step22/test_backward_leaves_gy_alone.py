"""Step 22: a backward must not change the gradient it is given (no in-place `gy *= -1`).

Add passes the same gy object to both of its inputs, so an in-place change made for one
side silently changes the other side's gradient too.
"""

import numpy as np
import pytest

from kata import checks


def test_negation_on_one_side_of_an_add_leaves_the_other_side_alone(dezero):
    x = dezero.Variable(np.array([1.0, 2.0]))
    y = -x + x
    y.backward()
    checks.close(x.grad, [0.0, 0.0], "x.grad for y = -x + x (Add gives both sides the same "
                 "gy: a Neg.backward that changes gy in place changes it for the other side)")


def test_subtracting_a_negation_doubles(dezero):
    x = dezero.Variable(np.array([1.0, 2.0]))
    y = x - (-x)
    y.backward()
    checks.close(x.grad, [2.0, 2.0], "x.grad for y = x - (-x)")


EXPRESSIONS = [
    ("-x", lambda x: -x),
    ("x - 2.0", lambda x: x - 2.0),
    ("2.0 - x", lambda x: 2.0 - x),
    ("x / 2.0", lambda x: x / 2.0),
    ("2.0 / x", lambda x: 2.0 / x),
    ("x ** 3", lambda x: x ** 3),
]


@pytest.mark.parametrize("text, expression", EXPRESSIONS, ids=[t for t, _ in EXPRESSIONS])
def test_backward_leaves_the_given_gradient_unchanged(dezero, text, expression):
    x = dezero.Variable(np.array([1.5, -2.0]))
    y = expression(x)
    given = np.array([1.0, 3.0])
    y.grad = given
    y.backward()
    checks.close(given, [1.0, 3.0], f"the array set as y.grad, after y = {text}; "
                 f"y.backward(): a backward must compute a new array (gy * -1, not gy *= -1)")
