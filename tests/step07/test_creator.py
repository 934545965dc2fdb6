"""Step 7: a Variable knows its creator; backward() walks the chain by itself."""

import numpy as np
import pytest

from kata import checks, leaks

MISSING = object()


def test_a_new_variable_has_no_creator(dezero):
    x = dezero.Variable(np.array(1.0))
    creator = getattr(x, "creator", MISSING)
    checks.is_true(creator is not MISSING, "Variable(np.array(1.0)) has no attribute "
                   "`creator`: __init__ must set self.creator")
    checks.is_true(creator is None, f"a Variable made by hand has no creator: expected None, "
                   f"got {checks.show(creator)}")


@pytest.mark.until(15)  # step 16: set_creator also reads the function's generation
def test_set_creator_records_the_function(dezero):
    y = dezero.Variable(np.array(1.0))
    f = dezero.Square()
    y.set_creator(f)
    checks.is_true(y.creator is f, "after y.set_creator(f), y.creator should be f")


@pytest.mark.not_at(11)  # step 11 alone calls functions with a list
def test_a_function_output_knows_its_creator(dezero):
    f = dezero.Square()
    x = dezero.Variable(np.array(3.0))
    y = f(x)
    leaks.strong_links(y, "y = f(x) with f = Square()")  # a weak creator is not f (step 17)
    checks.is_true(y.creator is f, "after y = f(x) with f = Square(), y.creator should be f "
                   "(Function.__call__ must call output.set_creator(self))")


@pytest.mark.not_at(11)  # step 11 alone calls functions with a list
def test_backward_walks_the_whole_chain(dezero):
    A, B, C = dezero.Square(), dezero.Exp(), dezero.Square()
    data = checks.seeded().uniform(-1.0, 1.0, size=3)
    x = dezero.Variable(data)
    y = C(B(A(x)))
    y.grad = np.ones_like(y.data)
    y.backward()
    expected = checks.numerical_grad(lambda v: np.exp(v ** 2) ** 2, data)
    checks.close(x.grad, expected, "x.grad after y.backward() for y = square(exp(square(x))) "
                 "(against the numerical gradient)", rtol=1e-5)


@pytest.mark.not_at(11)  # step 11 alone calls functions with a list
@pytest.mark.until(17)  # step 18 frees the grads of intermediate variables
def test_backward_fills_in_every_grad_on_the_way(dezero):
    A, B, C = dezero.Square(), dezero.Exp(), dezero.Square()
    x = dezero.Variable(np.array(0.5))
    a = A(x)
    b = B(a)
    y = C(b)
    y.grad = np.array(1.0)
    y.backward()
    b_value = np.exp(0.25)
    checks.close(b.grad, 2 * b_value, "b.grad after y.backward(), for y = b ** 2 (2b)")
    checks.close(a.grad, 2 * b_value * b_value, "a.grad after y.backward() (2b · e ** a)")
    checks.close(x.grad, 2 * b_value * b_value * 2 * 0.5,
                 "x.grad after y.backward() (2b · e ** a · 2x)")


def test_backward_on_a_leaf_keeps_its_grad(dezero):
    x = dezero.Variable(np.array(2.0))
    x.grad = np.array(5.0)
    x.backward()
    checks.close(x.grad, 5.0, "x.grad after x.backward() on a Variable no function made "
                 "(a leaf has nothing to pass back: backward() must not fail or change it)")
