"""Step 6: Variable.grad starts as None; Square and Exp know their backward (gy -> gx)."""

import numpy as np
import pytest

from kata import checks

MISSING = object()


def test_a_new_variable_has_no_grad_yet(dezero):
    x = dezero.Variable(np.array(1.0))
    grad = getattr(x, "grad", MISSING)
    checks.is_true(grad is not MISSING, "Variable(np.array(1.0)) has no attribute `grad`: "
                   "__init__ must set self.grad")
    checks.is_true(grad is None, f"Variable(np.array(1.0)).grad should be None until "
                   f"backpropagation computes it, got {checks.show(grad)}")


def test_base_function_has_no_backward(dezero):
    checks.raises(NotImplementedError, lambda: dezero.Function().backward(np.array(1.0)),
                  "Function().backward(gy) (the base class knows no derivative)")


@pytest.mark.not_at(11)  # step 11 alone calls functions with a list
def test_square_backward_multiplies_gy_by_2x(dezero):
    f = dezero.Square()
    f(dezero.Variable(np.array(3.0)))
    checks.close(f.backward(np.array(1.0)), 6.0,
                 "Square().backward(1.0) after a forward at x = 3 (2x · gy)")
    checks.close(f.backward(np.array(0.5)), 3.0,
                 "Square().backward(0.5) after a forward at x = 3 (2x · gy)")


@pytest.mark.not_at(11)  # step 11 alone calls functions with a list
def test_exp_backward_multiplies_gy_by_exp_x(dezero):
    f = dezero.Exp()
    data = np.array([-1.0, 0.0, 2.0])
    # y is kept alive: from step 17 on a function holds its output weakly, and a backward
    # may read it (the book's final Exp does: e ** x is its output)
    y = f(dezero.Variable(data))
    gy = np.array([1.0, 2.0, 3.0])
    checks.close(f.backward(gy), np.exp(data) * gy,
                 "Exp().backward(gy) at x = [-1, 0, 2], gy = [1, 2, 3] (e ** x · gy)")
    del y  # until here


@pytest.mark.not_at(11)  # step 11 alone calls functions with a list
def test_backpropagation_by_hand_through_a_chain(dezero):
    A, B, C = dezero.Square(), dezero.Exp(), dezero.Square()
    data = checks.seeded().uniform(-1.0, 1.0, size=3)
    x = dezero.Variable(data)
    a = A(x)
    b = B(a)
    y = C(b)

    y.grad = np.ones_like(y.data)
    b.grad = C.backward(y.grad)
    a.grad = B.backward(b.grad)
    x.grad = A.backward(a.grad)

    expected = checks.numerical_grad(lambda v: np.exp(v ** 2) ** 2, data)
    checks.close(x.grad, expected, "x.grad for y = square(exp(square(x))), backpropagated by "
                 "hand with C.backward, B.backward, A.backward (against the numerical "
                 "gradient)", rtol=1e-5)
