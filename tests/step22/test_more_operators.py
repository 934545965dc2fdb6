"""Step 22: Neg, Sub, Div, Pow, their functions, and the operators -x, -, /, **.

As in step 21, every operand mix is checked: a Variable holding an np.ndarray (also for 0-d
data), NumPy's value and dtype, and gradients that match numerical ones.
"""

import operator

import numpy as np
import pytest

from kata import checks, leaks
from tests.operand_mixes import SHAPES, combine, mixes, shape_id

OPERATORS = [("-", operator.sub), ("/", operator.truediv)]
MIXES = mixes(OPERATORS)
SHAPED_MIXES = mixes(OPERATORS, SHAPES)


def operate(expression, what: str, *operands):
    """expression(*operands); a missing operator or function fails in plain words."""
    try:
        return expression(*operands)
    except TypeError as error:
        checks.fail(f"{what} raised TypeError ({error}): step 22 installs neg, sub, rsub, "
                    f"div, rdiv and pow as __neg__, __sub__, __rsub__, __truediv__, "
                    f"__rtruediv__ and __pow__")



# A reflected operator with its operands the wrong way round: `2.0 - x` arrives as
# x.__rsub__(2.0), the Variable first, so rsub(x0, x1) computes x1 - x0 (and rdiv x1 / x0).
SWAPPED = {
    operator.sub: "that is the negation of the right result: rsub(x0, x1) computed x0 - x1, "
                  "but `2.0 - x` arrives as x.__rsub__(2.0), the Variable first, so rsub "
                  "must return x1 - x0",
    operator.truediv: "that is the reciprocal of the right result: rdiv(x0, x1) computed "
                      "x0 / x1, but `2.0 / x` arrives as x.__rtruediv__(2.0), the Variable "
                      "first, so rdiv must return x1 / x0",
}


def swapped(op, x, other, variable_first=False):
    """{explanation: the value} of the swapped-operands mistake, for checks.close."""
    return {} if variable_first else {SWAPPED[op]: op(x, other)}


def positive(shape, seed=5):
    """Data away from zero, so that dividing by it and its powers stay tame."""
    return checks.seeded(seed).uniform(0.5, 2.0, shape)


def check_grad(x, f, data, what):
    checks.close(x.grad, checks.numerical_grad(f, data),
                 f"{what}, against a numerical gradient", rtol=1e-4, atol=1e-6)


def test_neg(dezero):
    data = np.array([1.5, -2.0, 0.0])
    x = dezero.Variable(data)
    y = dezero.neg(x)
    checks.close(y.data, -data, "neg(x).data")
    y.backward()
    checks.close(x.grad, [-1.0, -1.0, -1.0], "x.grad after neg(x).backward()")
    check_grad(x, lambda v: -v, data, "x.grad after neg(x).backward()")
    z = operate(lambda x: -x, "-x", dezero.Variable(data))
    checks.instance(z, dezero.Variable, "-x (install neg as __neg__)")
    checks.close(z.data, -data, "(-x).data")


def test_neg_of_a_0d_variable_holds_an_array(dezero):
    y = operate(lambda x: -x, "-x", dezero.Variable(np.array(2.0)))
    checks.is_array(y.data, "(-Variable(np.array(2.0))).data (-np.array(2.0) is a np.float64)")


@pytest.mark.parametrize("name, expected, mistakes", [
    ("sub", 3.0 - 2.0, {}), ("rsub", 2.0 - 3.0, swapped(operator.sub, 3.0, 2.0)),
    ("div", 3.0 / 2.0, {}), ("rdiv", 2.0 / 3.0, swapped(operator.truediv, 3.0, 2.0)),
], ids=["sub", "rsub", "div", "rdiv"])
def test_the_functions(dezero, name, expected, mistakes):
    a, b = dezero.Variable(np.array(3.0)), dezero.Variable(np.array(2.0))
    y = getattr(dezero, name)(a, b)
    checks.instance(y, dezero.Variable, f"{name}(a, b)")
    checks.close(y.data, expected, f"{name}(a, b).data with a = 3, b = 2 "
                 f"(rsub and rdiv compute b - a and b / a)", mistakes=mistakes)


def test_pow_function_and_class(dezero):
    x = dezero.Variable(np.array(2.0))
    checks.close(dezero.pow(x, 3).data, 8.0, "pow(x, 3).data with x = 2")
    checks.close(dezero.Pow(3)(x).data, 8.0, "Pow(3)(x).data with x = 2 (the exponent is "
                 "given to Pow's constructor)")


@pytest.mark.parametrize("name, expected", [
    ("sub", 3.0 - 2.0), ("rsub", 2.0 - 3.0), ("div", 3.0 / 2.0), ("rdiv", 2.0 / 3.0),
], ids=["sub", "rsub", "div", "rdiv"])
def test_the_functions_take_a_non_variable_first(dezero, name, expected):
    function = getattr(dezero, name)
    call = f"{name}(np.array(3.0, np.float32), 2.0)"
    y = operate(function, call, np.array(3.0, np.float32), 2.0)
    checks.instance(y, dezero.Variable, f"{call} (x0 = as_variable(x0) first, as add and "
                    f"mul do)")
    checks.close(y.data, expected, f"{call}.data", rtol=1e-6)
    checks.equal(y.data.dtype, np.float32, f"{call}.data.dtype")
    y = operate(function, f"{name}(3.0, 2.0)", 3.0, 2.0)
    checks.close(y.data, expected, f"{name}(3.0, 2.0).data")


@pytest.mark.parametrize("op, symbol", [(operator.sub, "-"), (operator.truediv, "/")])
def test_two_variables(dezero, op, symbol):
    a, b = positive((2, 3)), positive((2, 3), seed=6)
    x0, x1 = dezero.Variable(a), dezero.Variable(b)
    y = operate(op, f"x0 {symbol} x1", x0, x1)
    checks.instance(y, dezero.Variable, f"x0 {symbol} x1")
    checks.close(y.data, op(a, b), f"(x0 {symbol} x1).data")
    y.backward()
    check_grad(x0, lambda v: op(v, b), a, f"x0.grad after (x0 {symbol} x1).backward()")
    check_grad(x1, lambda v: op(a, v), b, f"x1.grad after (x0 {symbol} x1).backward()")


@pytest.mark.parametrize("op, make, variable_first, text, shape", SHAPED_MIXES)
def test_operand_mix(dezero, op, make, variable_first, text, shape):
    data = positive(shape)
    other = make(shape)
    x = dezero.Variable(data)
    y = operate(combine, text, op, x, other, variable_first)
    what = f"{text} with x of shape {shape}"
    checks.instance(y, dezero.Variable, what)
    checks.is_array(y.data, f"({what}).data")
    checks.close(y.data, combine(op, data, other, variable_first), f"({what}).data",
                 mistakes=swapped(op, data, other, variable_first))
    y.backward()
    check_grad(x, lambda v: combine(op, dezero.Variable(v), other, variable_first).data, data,
               f"x.grad after ({what}).backward()")


@pytest.mark.parametrize("op, make, variable_first, text", MIXES)
def test_operand_mix_has_numpys_dtype(dezero, op, make, variable_first, text):
    data = np.array([1.5, -2.0], dtype=np.float32)
    other = make(data.shape)
    y = operate(combine, text, op, dezero.Variable(data), other, variable_first)
    checks.instance(y, dezero.Variable, f"{text} (an ndarray on the left needs "
                    f"Variable.__array_priority__)")
    expected = np.asarray(combine(op, data, other, variable_first)).dtype
    checks.equal(y.data.dtype, expected, f"({text}).data.dtype for float32 x (NumPy gives "
                 f"{expected} for the same arrays; a Python number takes x's dtype: "
                 f"as_variable(number, like=x), as add and mul do since step 21)")


EXPONENTS = [3, 2.5, -1, 0.5, 0, np.float64(2.0)]


@pytest.mark.parametrize("c, shape", [
    pytest.param(c, shape, id=f"x ** {c!r}, {shape_id(shape)}")
    for c in EXPONENTS for shape in SHAPES])
def test_power(dezero, c, shape):
    data = positive(shape)
    x = dezero.Variable(data)
    y = operate(lambda x: x ** c, f"x ** {c!r}", x)
    what = f"x ** {c!r} with x of shape {shape}"
    checks.instance(y, dezero.Variable, what)
    checks.is_array(y.data, f"({what}).data")
    checks.close(y.data, data ** c, f"({what}).data")
    y.backward()
    check_grad(x, lambda v: v ** c, data, f"x.grad after ({what}).backward()")


@pytest.mark.parametrize("c", [2, 0.5, np.float64(2.0)],
                         ids=["x ** 2", "x ** 0.5", "x ** np.float64(2.0)"])
def test_power_has_numpys_dtype(dezero, c):
    data = np.array([1.5, 2.0], dtype=np.float32)
    y = operate(lambda x: x ** c, f"x ** {c!r}", dezero.Variable(data))
    checks.equal(y.data.dtype, (data ** c).dtype, f"(x ** {c!r}).data.dtype for float32 x")


def test_the_book_examples(dezero):
    def grad_at_2(expression, text, expected_value, expected_grad, swapped=None):
        """`swapped`: (operator, value, grad) that the swapped-operands mistake gives."""
        value_mistake, grad_mistake = {}, {}
        if swapped:
            op, value, grad = swapped
            value_mistake, grad_mistake = {SWAPPED[op]: value}, {SWAPPED[op]: grad}
        x = dezero.Variable(np.array(2.0))
        y = operate(expression, text, x)
        checks.close(y.data, expected_value, f"{text} with x = 2", mistakes=value_mistake)
        y.backward()
        checks.close(x.grad, expected_grad, f"x.grad after ({text}).backward() with x = 2",
                     mistakes=grad_mistake)

    grad_at_2(lambda x: -x, "-x", -2.0, -1.0)
    grad_at_2(lambda x: 2.0 - x, "2.0 - x", 0.0, -1.0, swapped=(operator.sub, 0.0, 1.0))
    grad_at_2(lambda x: x - 1.0, "x - 1.0", 1.0, 1.0)
    grad_at_2(lambda x: 3.0 / x, "3.0 / x", 1.5, -0.75,
              swapped=(operator.truediv, 2.0 / 3.0, 1.0 / 3.0))
    grad_at_2(lambda x: x / 4.0, "x / 4.0", 0.5, 0.25)
    grad_at_2(lambda x: x ** 3, "x ** 3", 8.0, 12.0)


def test_a_formula_with_every_operator(dezero):
    a, b = positive((3,)), positive((3,), seed=7)

    def formula(x, y):
        return (x - 1.0) ** 2 / (3.0 - x * y) + -y / 2 - 1 / x

    text = "(x - 1.0) ** 2 / (3.0 - x * y) + -y / 2 - 1 / x"
    x, y = dezero.Variable(a), dezero.Variable(b)
    z = operate(formula, text, x, y)
    checks.close(z.data, formula(a, b), text)
    z.backward()
    check_grad(x, lambda v: formula(v, b), a, f"x.grad after ({text}).backward()")
    check_grad(y, lambda v: formula(a, v), b, f"y.grad after ({text}).backward()")


def test_a_graph_of_every_operator_is_freed_without_the_gc(dezero):
    def formula(x):
        return (-x - 1.0) ** 2 / (3.0 - x) * 2.0 + 1.0 / x

    with leaks.no_cycles(dezero, "y = (-x - 1.0) ** 2 / (3.0 - x) * 2.0 + 1.0 / x"):
        for _ in range(5):
            x = dezero.Variable(np.array(0.5))
            y = operate(formula, "(-x - 1.0) ** 2 / (3.0 - x) * 2.0 + 1.0 / x", x)
            y.backward()
        del x, y
