"""Step 3: Exp computes e ** x, and functions chain: the output of one feeds the next."""

import numpy as np
import pytest

from kata import checks

# Step 11 alone calls functions with a list of inputs (step 12 goes back to f(x)).
pytestmark = pytest.mark.not_at(11)


def test_exp_returns_a_new_variable(dezero):
    x = dezero.Variable(np.array(1.0))
    y = dezero.Exp()(x)
    checks.instance(y, dezero.Variable, "Exp()(Variable(np.array(1.0)))")
    checks.is_true(not isinstance(y.data, dezero.Variable),
                   "Exp()(x).data is a Variable: forward() returns a plain array, and "
                   "Function.__call__ wraps it in a Variable")
    checks.close(y.data, np.e, "Exp()(Variable(np.array(1.0))).data (e ** 1)")


def test_exp_works_element_wise_on_arrays(dezero):
    data = checks.seeded().standard_normal((2, 3))
    y = dezero.Exp()(dezero.Variable(data))
    checks.close(y.data, np.exp(data), "Exp() of a 2x3 array")


def test_functions_chain(dezero):
    A, B, C = dezero.Square(), dezero.Exp(), dezero.Square()
    y = C(B(A(dezero.Variable(np.array(0.5)))))
    checks.instance(y, dezero.Variable, "C(B(A(x))) with A = Square(), B = Exp(), C = Square()")
    checks.close(y.data, np.exp(0.5 ** 2) ** 2, "Square()(Exp()(Square()(x))).data at x = 0.5")


def test_exp_then_square_is_not_square_then_exp(dezero):
    x = dezero.Variable(np.array([0.0, 1.0, 2.0]))
    exp_of_square = dezero.Exp()(dezero.Square()(x))
    square_of_exp = dezero.Square()(dezero.Exp()(x))
    checks.close(exp_of_square.data, np.exp([0.0, 1.0, 4.0]),
                 "Exp()(Square()(x)) at x = [0, 1, 2]")
    checks.close(square_of_exp.data, np.exp([0.0, 2.0, 4.0]),
                 "Square()(Exp()(x)) at x = [0, 1, 2]")
