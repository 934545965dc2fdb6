"""Step 21: as_variable; functions and the operators + and * take ndarrays and numbers too.

Every operand mix is checked: the result is a Variable holding an np.ndarray (never a NumPy
scalar, also for 0-d data), its value and dtype are what NumPy gives for the same arrays,
and the Variable's gradient matches a numerical one. Dtypes follow NumPy: a Python number
takes the Variable's dtype (float32 * 2.0 stays float32); an ndarray or a NumPy scalar
counts with its own dtype (float32 * np.float64(2.0) is float64).
"""

import operator

import numpy as np
import pytest

from kata import checks
from tests.operand_mixes import SHAPES, combine, mixes

OPERATORS = [("+", operator.add), ("*", operator.mul)]
MIXES = mixes(OPERATORS)
SHAPED_MIXES = mixes(OPERATORS, SHAPES)


def operate(action, what: str):
    """Run an expression; a Variable that cannot meet an array or a number fails in words."""
    try:
        return action()
    except (TypeError, AttributeError) as error:
        checks.fail(f"{what} raised {type(error).__name__} ({error}): step 21 lets functions "
                    f"and operators take ndarrays and numbers on either side (as_variable in "
                    f"Function.__call__, add and mul; __radd__, __rmul__)")



def test_as_variable_returns_a_variable_as_it_is(dezero):
    x = dezero.Variable(np.array(1.0))
    checks.is_true(dezero.as_variable(x) is x, "as_variable(x) for a Variable x must return x "
                   "itself, not a new Variable")


def test_as_variable_boxes_an_ndarray(dezero):
    data = np.array([1.0, 2.0])
    x = dezero.as_variable(data)
    checks.instance(x, dezero.Variable, "as_variable(np.array([1.0, 2.0]))")
    checks.is_true(x.data is data, "as_variable(a).data should be the very array `a`")


@pytest.mark.parametrize("number", [2.5, 3, np.float64(2.5), np.float32(2.5), np.int64(3)],
                         ids=["2.5", "3", "np.float64", "np.float32", "np.int64"])
def test_as_variable_boxes_numbers_as_0d_arrays(dezero, number):
    what = f"as_variable({number!r})"
    x = dezero.as_variable(number)
    checks.instance(x, dezero.Variable, what)
    checks.is_array(x.data, f"{what}.data")
    checks.equal(x.data.shape, (), f"{what}.data.shape")
    checks.equal(x.data.dtype, np.asarray(number).dtype, f"{what}.data.dtype")
    checks.close(x.data, number, f"{what}.data")


def test_functions_take_ndarrays(dezero):
    y = operate(lambda: dezero.square(np.array(3.0)), "square(np.array(3.0))")
    checks.instance(y, dezero.Variable, "square(np.array(3.0)) (Function.__call__ must turn "
                    "its inputs into Variables with as_variable)")
    checks.close(y.data, 9.0, "square(np.array(3.0)).data")


def test_functions_take_numpy_scalars(dezero):
    y = operate(lambda: dezero.exp(np.float32(0.0)), "exp(np.float32(0.0))")
    checks.instance(y, dezero.Variable, "exp(np.float32(0.0))")
    checks.is_array(y.data, "exp(np.float32(0.0)).data")
    checks.equal(y.data.dtype, np.float32, "exp(np.float32(0.0)).data.dtype")


def test_add_takes_an_ndarray_on_either_side(dezero):
    x = dezero.Variable(np.array(2.0))
    y = operate(lambda: dezero.add(np.array(1.0), x), "add(np.array(1.0), x)")
    checks.close(y.data, 3.0, "add(np.array(1.0), Variable(np.array(2.0))).data")
    y.backward()
    checks.close(x.grad, 1.0, "x.grad after add(np.array(1.0), x).backward()")
    y = operate(lambda: dezero.mul(x, np.array(4.0)), "mul(x, np.array(4.0))")
    checks.close(y.data, 8.0, "mul(x, np.array(4.0)).data with x = 2")


@pytest.mark.parametrize("call, expected, dtype", [
    ("add(np.array(1.0, np.float32), 2.0)", 3.0, np.float32),
    ("add(2.0, 3.0)", 5.0, np.float64),
    ("mul(2.0, 3.0)", 6.0, np.float64),
    ("mul(np.array(2.0, np.float32), 3.0)", 6.0, np.float32),
], ids=["add(float32 array, 2.0)", "add(2.0, 3.0)", "mul(2.0, 3.0)", "mul(float32 array, 3.0)"])
def test_add_and_mul_take_a_non_variable_first(dezero, call, expected, dtype):
    y = operate(lambda: eval(call, {"np": np, "add": dezero.add, "mul": dezero.mul}), call)
    checks.instance(y, dezero.Variable, f"{call} (add and mul make both operands Variables: "
                    f"x0 = as_variable(x0) first, then x1 = as_variable(x1, like=x0))")
    checks.close(y.data, expected, f"{call}.data")
    checks.equal(y.data.dtype, dtype, f"{call}.data.dtype (a Python number takes the dtype "
                 f"of the operand it meets)")


@pytest.mark.parametrize("op, make, variable_first, text, shape", SHAPED_MIXES)
def test_operand_mix(dezero, op, make, variable_first, text, shape):
    data = checks.seeded(3).standard_normal(shape)
    other = make(shape)
    x = dezero.Variable(data)
    y = operate(lambda: combine(op, x, other, variable_first), text)
    what = f"{text} with x of shape {shape}"
    checks.instance(y, dezero.Variable, what + " (an ndarray on the left needs Variable's "
                    "__array_priority__ above ndarray's)")
    checks.is_array(y.data, f"({what}).data")
    checks.close(y.data, combine(op, data, other, variable_first), f"({what}).data")
    y.backward()

    def f(v):
        return combine(op, dezero.Variable(v), other, variable_first).data

    checks.close(x.grad, checks.numerical_grad(f, data),
                 f"x.grad after ({what}).backward(), against a numerical gradient", rtol=1e-4)


@pytest.mark.parametrize("op, make, variable_first, text", MIXES)
def test_operand_mix_has_numpys_dtype(dezero, op, make, variable_first, text):
    data = np.array([1.5, -2.0], dtype=np.float32)
    other = make(data.shape)
    x = dezero.Variable(data)
    y = operate(lambda: combine(op, x, other, variable_first), text)
    checks.instance(y, dezero.Variable, f"{text} (an ndarray on the left needs "
                    f"Variable.__array_priority__)")
    expected = np.asarray(combine(op, data, other, variable_first)).dtype
    checks.equal(y.data.dtype, expected,
                 f"({text}).data.dtype for float32 x (NumPy gives {expected} for the same "
                 f"arrays; a Python number takes x's dtype: see as_variable's `like`)")


def test_int_variable_times_a_float_is_float(dezero):
    x = dezero.Variable(np.array([1, 2, 3]))
    y = operate(lambda: x * 2.5, "x * 2.5")
    checks.equal(y.data.dtype, np.float64, "(Variable(np.array([1, 2, 3])) * 2.5).data.dtype")
    checks.close(y.data, [2.5, 5.0, 7.5], "(Variable(np.array([1, 2, 3])) * 2.5).data")


def test_ndarray_on_the_left_gives_a_variable(dezero):
    x = dezero.Variable(np.array(2.0))
    y = operate(lambda: np.array(3.0) * x, "np.array(3.0) * x")
    checks.instance(y, dezero.Variable, "np.array(3.0) * Variable(np.array(2.0)) (without "
                    "__array_priority__, NumPy multiplies element by element and returns an "
                    "ndarray of objects)")


def test_the_book_example(dezero):
    x = dezero.Variable(np.array(2.0))
    y = operate(lambda: 3.0 * x + 1.0, "3.0 * x + 1.0")
    checks.close(y.data, 7.0, "3.0 * x + 1.0 with x = 2")
    y.backward()
    checks.close(x.grad, 3.0, "x.grad after (3.0 * x + 1.0).backward()")
