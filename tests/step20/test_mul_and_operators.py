"""Step 20: Mul and mul(), and the operators * and + on Variables."""

import operator

import numpy as np
import pytest

from kata import checks


def operate(action, what: str):
    """Run an expression with operators; a missing operator fails in plain words."""
    try:
        return action()
    except TypeError as error:
        checks.fail(f"{what} raised TypeError ({error}): Variable needs the operators "
                    f"(step 20: Variable.__mul__ = mul, Variable.__add__ = add)")


def test_mul_multiplies(dezero):
    rng = checks.seeded()
    a, b = rng.standard_normal((2, 3)), rng.standard_normal((2, 3))
    y = dezero.mul(dezero.Variable(a), dezero.Variable(b))
    checks.instance(y, dezero.Variable, "mul(Variable, Variable)")
    checks.close(y.data, a * b, "mul(a, b).data for two 2x3 arrays")


def test_mul_keeps_its_inputs_in_order(dezero):
    x0, x1 = dezero.Variable(np.array(3.0)), dezero.Variable(np.array(2.0))
    inputs = dezero.mul(x0, x1).creator.inputs
    checks.is_true(len(inputs) == 2 and inputs[0] is x0 and inputs[1] is x1,
                   "mul(x0, x1).creator.inputs must hold x0 and x1, in that order (Mul's "
                   "backward gives each input the other's value: x1's data goes to x0)")


def test_mul_backward_gives_each_input_the_other(dezero):
    a, b = dezero.Variable(np.array(3.0)), dezero.Variable(np.array(2.0))
    y = dezero.mul(a, b)
    y.backward()
    checks.close(a.grad, 2.0, "a.grad after y = mul(a, b) with a = 3, b = 2 (dy/da = b)")
    checks.close(b.grad, 3.0, "b.grad after y = mul(a, b) with a = 3, b = 2 (dy/db = a)")


def test_mul_gradients_match_numerical_ones(dezero):
    rng = checks.seeded(1)
    a, b = rng.standard_normal((3, 2)), rng.standard_normal((3, 2))
    x0, x1 = dezero.Variable(a), dezero.Variable(b)
    dezero.mul(x0, x1).backward()
    checks.close(x0.grad, checks.numerical_grad(lambda v: v * b, a),
                 "x0.grad after mul(x0, x1).backward(), against a numerical gradient", rtol=1e-4)
    checks.close(x1.grad, checks.numerical_grad(lambda v: a * v, b),
                 "x1.grad after mul(x0, x1).backward(), against a numerical gradient", rtol=1e-4)


def test_star_is_mul(dezero):
    a, b = dezero.Variable(np.array(3.0)), dezero.Variable(np.array(2.0))
    y = operate(lambda: a * b, "a * b")
    checks.instance(y, dezero.Variable, "a * b for two Variables (install mul as __mul__)")
    checks.close(y.data, 6.0, "(a * b).data with a = 3, b = 2")
    y.backward()
    checks.close(a.grad, 2.0, "a.grad after (a * b).backward() with a = 3, b = 2")


def test_plus_is_add(dezero):
    a, b = dezero.Variable(np.array(3.0)), dezero.Variable(np.array(2.0))
    y = operate(lambda: a + b, "a + b")
    checks.instance(y, dezero.Variable, "a + b for two Variables (install add as __add__)")
    checks.close(y.data, 5.0, "(a + b).data with a = 3, b = 2")
    y.backward()
    checks.close(b.grad, 1.0, "b.grad after (a + b).backward()")


@pytest.mark.parametrize("op, symbol", [(operator.add, "+"), (operator.mul, "*")])
def test_gradients_through_the_operators_match_numerical_ones(dezero, op, symbol):
    rng = checks.seeded(5)
    a, b = rng.standard_normal((2, 3)), rng.standard_normal((2, 3))
    x0, x1 = dezero.Variable(a), dezero.Variable(b)
    y = operate(lambda: op(x0, x1), f"x0 {symbol} x1")
    y.backward()
    checks.close(x0.grad, checks.numerical_grad(lambda v: op(v, b), a),
                 f"x0.grad after (x0 {symbol} x1).backward(), against a numerical gradient",
                 rtol=1e-4)
    checks.close(x1.grad, checks.numerical_grad(lambda v: op(a, v), b),
                 f"x1.grad after (x0 {symbol} x1).backward(), against a numerical gradient",
                 rtol=1e-4)


def test_the_book_example(dezero):
    a = dezero.Variable(np.array(3.0))
    b = dezero.Variable(np.array(2.0))
    c = dezero.Variable(np.array(1.0))
    y = operate(lambda: a * b + c, "a * b + c")
    y.backward()
    checks.close(y.data, 7.0, "y = a * b + c with a = 3, b = 2, c = 1")
    checks.close(a.grad, 2.0, "a.grad after (a * b + c).backward()")
    checks.close(b.grad, 3.0, "b.grad after (a * b + c).backward()")
    checks.close(c.grad, 1.0, "c.grad after (a * b + c).backward()")


def test_zero_d_products_hold_arrays(dezero):
    a, b = dezero.Variable(np.array(2.0)), dezero.Variable(np.array(3.0))
    y = operate(lambda: a * b, "a * b")
    checks.is_array(y.data, "(Variable(np.array(2.0)) * Variable(np.array(3.0))).data "
                    "(NumPy gives a np.float64 for 0-d operands: as_array in __call__ fixes it)")


def test_operators_compose_with_the_other_functions(dezero):
    data = checks.seeded(2).standard_normal((2, 2))

    def f(v):
        x = dezero.Variable(v)
        return (dezero.square(x) * x + x * x).data  # x**3 + x**2, through two paths

    x = dezero.Variable(data)
    y = operate(lambda: dezero.square(x) * x + x * x, "square(x) * x + x * x")
    y.backward()
    checks.close(y.data, data ** 3 + data ** 2, "square(x) * x + x * x")
    checks.close(x.grad, checks.numerical_grad(f, data),
                 "x.grad of square(x) * x + x * x, against a numerical gradient (x is used "
                 "four times: the grads must add up)", rtol=1e-4)
