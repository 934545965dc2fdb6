"""Step 2: Function.__call__ unwraps, calls forward, wraps; Square squares."""

import numpy as np
import pytest

from kata import checks

# Step 11 alone calls functions with a list of inputs (step 12 goes back to f(x)).
pytestmark = pytest.mark.not_at(11)


def test_square_returns_a_new_variable(dezero):
    x = dezero.Variable(np.array(10.0))
    y = dezero.Square()(x)
    checks.instance(y, dezero.Variable, "Square()(Variable(np.array(10.0)))")
    checks.is_true(y is not x, "Square()(x) must return a new Variable, not x itself")


def test_square_computes_the_square(dezero):
    y = dezero.Square()(dezero.Variable(np.array(10.0)))
    checks.close(y.data, 100.0, "Square()(Variable(np.array(10.0))).data")


def test_square_works_element_wise_on_arrays(dezero):
    data = checks.seeded().standard_normal((3, 2))
    y = dezero.Square()(dezero.Variable(data))
    checks.close(y.data, data ** 2, "Square() of a 3x2 array")


def test_call_delegates_to_forward(dezero):
    class AddOne(dezero.Function):
        def forward(self, x):
            return x + 1

    y = AddOne()(dezero.Variable(np.array(2.0)))
    checks.close(y.data, 3.0, "a Function subclass whose forward adds 1, called on 2.0 "
                 "(Function.__call__ must use self.forward)")


def test_base_function_has_no_forward(dezero):
    checks.raises(NotImplementedError, lambda: dezero.Function()(dezero.Variable(np.array(1.0))),
                  "Function() called directly (the base class cannot compute anything)")
