"""Step 9: square() and exp(); ndarray-only Variables; backward() seeds grad with ones;
as_array turns NumPy scalars and Python numbers into ndarrays."""

import numpy as np
import pytest

from kata import checks


def test_square_and_exp_are_plain_functions(dezero):
    y = dezero.square(dezero.Variable(np.array(3.0)))
    checks.instance(y, dezero.Variable, "square(Variable(np.array(3.0)))")
    checks.close(y.data, 9.0, "square(Variable(np.array(3.0))).data")
    checks.instance(y.creator, dezero.Square, "square(x).creator")
    z = dezero.exp(dezero.Variable(np.array(1.0)))
    checks.instance(z, dezero.Variable, "exp(Variable(np.array(1.0)))")
    checks.close(z.data, np.e, "exp(Variable(np.array(1.0))).data")
    checks.instance(z.creator, dezero.Exp, "exp(x).creator")


@pytest.mark.parametrize("value", [1.0, 3, [1.0, 2.0], np.float64(1.0)],
                         ids=["float", "int", "list", "numpy-scalar"])
def test_variable_accepts_only_an_ndarray_or_none(dezero, value):
    checks.raises(TypeError, lambda: dezero.Variable(value),
                  f"Variable({value!r}) (only an np.ndarray, or None, may go in)")
    checks.is_true(dezero.Variable(None).data is None, "Variable(None) should be allowed "
                   "(a box to fill later), with .data None")


def test_backward_starts_from_a_grad_of_ones(dezero):
    data = checks.seeded().uniform(-1.0, 1.0, size=(2, 3))
    x = dezero.Variable(data)
    y = dezero.square(dezero.exp(dezero.square(x)))
    y.backward()  # no y.grad set by hand: backward() starts from dy/dy = 1
    expected = checks.numerical_grad(lambda v: np.exp(v ** 2) ** 2, data)
    checks.close(x.grad, expected, "x.grad after y.backward() for y = square(exp(square(x))) "
                 "with y.grad never set (against the numerical gradient)", rtol=1e-5)


def test_backward_on_a_leaf_gives_ones(dezero):
    x = dezero.Variable(checks.seeded().standard_normal((2, 3)))
    x.backward()
    checks.close(x.grad, np.ones((2, 3)), "x.grad after x.backward() on a 2x3 Variable that "
                 "no function made (dx/dx = 1 for every element)")


def test_square_and_exp_of_a_0d_array_give_arrays(dezero):
    # NumPy turns a 0-d result into a scalar: x ** 2 on np.array(2.0) is np.float64(4.0)
    for name in ("square", "exp"):
        y = getattr(dezero, name)(dezero.Variable(np.array(2.0)))
        checks.is_array(y.data, f"{name}(Variable(np.array(2.0))).data "
                        f"(Function.__call__ must pass forward's result through as_array)")


@pytest.mark.parametrize("value", [2.5, 7, np.float64(2.5), np.int64(7), np.float32(2.5)],
                         ids=["float", "int", "np.float64", "np.int64", "np.float32"])
def test_as_array_turns_scalars_into_arrays(dezero, value):
    got = dezero.as_array(value)
    what = f"as_array({value!r})"
    checks.is_array(got, what)
    checks.equal(got.shape, (), f"{what}.shape (a 0-d array)")
    checks.close(got, value, what)
    if isinstance(value, np.generic):
        checks.equal(got.dtype, value.dtype, f"{what}.dtype (keep the scalar's dtype)")


def test_as_array_leaves_an_ndarray_alone(dezero):
    data = np.array([1.0, 2.0])
    checks.is_true(dezero.as_array(data) is data, "as_array(a) for an ndarray a should return a "
                   "itself, not a copy")


def test_numerical_diff_works_on_a_0d_variable(dezero):
    # x.data - eps is a NumPy scalar for a 0-d x: numerical_diff must wrap it (as_array),
    # or the ndarray-only Variable refuses it.
    x = dezero.Variable(np.array(2.0))
    checks.close(dezero.numerical_diff(dezero.square, x), 4.0,
                 "numerical_diff(square, Variable(np.array(2.0)))", rtol=1e-4)
