"""Step 19: a Variable has a name, and describes itself like the ndarray it holds."""

import numpy as np
import pytest

from kata import checks


def make(dezero, *args, **kwargs):
    """Variable(*args, **kwargs), failing with a plain sentence if __init__ refuses a name."""
    try:
        return dezero.Variable(*args, **kwargs)
    except TypeError as error:
        checks.fail(f"Variable(np.array(1.0), name=...) raised TypeError ({error}): "
                    f"__init__ must take a second parameter, name=None")


def test_a_variable_can_be_named(dezero):
    x = make(dezero, np.array(1.0), "x")
    checks.equal(x.name, "x", "Variable(np.array(1.0), 'x').name")
    y = make(dezero, np.array(1.0), name="y")
    checks.equal(y.name, "y", "Variable(np.array(1.0), name='y').name")


def test_the_name_is_none_by_default(dezero):
    x = dezero.Variable(np.array(1.0))
    checks.is_true(hasattr(x, "name"), "Variable(np.array(1.0)) has no attribute `name`: "
                   "__init__ must set self.name (None when no name is given)")
    checks.is_true(x.name is None, f"Variable(np.array(1.0)).name: expected None, got {x.name!r}")


@pytest.mark.parametrize("data", [
    np.zeros((2, 3)),
    np.arange(4, dtype=np.int32),
    np.array(5.0),
    np.ones((2, 1, 3), dtype=np.float32),
], ids=["2x3-float64", "4-int32", "0d-float64", "2x1x3-float32"])
def test_shape_ndim_size_and_dtype_come_from_the_data(dezero, data):
    x = dezero.Variable(data)
    what = f"Variable(array of shape {data.shape}, dtype {data.dtype})"
    checks.equal(x.shape, data.shape, f"{what}.shape")
    checks.equal(x.ndim, data.ndim, f"{what}.ndim")
    checks.equal(x.size, data.size, f"{what}.size")
    checks.equal(x.dtype, data.dtype, f"{what}.dtype")


def test_the_properties_follow_new_data(dezero):
    x = dezero.Variable(np.zeros((2, 3)))
    x.data = np.zeros(5, dtype=np.int64)
    checks.equal(x.shape, (5,), "x.shape after x.data = np.zeros(5) (read it from self.data "
                 "each time, do not copy it in __init__)")
    checks.equal(x.dtype, np.int64, "x.dtype after x.data = np.zeros(5, dtype=np.int64)")


def test_len_is_the_length_of_the_first_dimension(dezero):
    checks.equal(len(dezero.Variable(np.zeros((4, 3)))), 4, "len(Variable(np.zeros((4, 3))))")
    checks.equal(len(dezero.Variable(np.arange(7))), 7, "len(Variable(np.arange(7)))")
    checks.raises(TypeError, lambda: len(dezero.Variable(np.array(1.0))),
                  "len() of a Variable holding a 0-d array (like len(np.array(1.0)))")


def test_repr_of_a_vector(dezero):
    checks.equal(repr(dezero.Variable(np.array([1, 2, 3]))), "variable([1 2 3])",
                 "repr(Variable(np.array([1, 2, 3])))")


def test_repr_of_a_scalar(dezero):
    checks.equal(repr(dezero.Variable(np.array(2.5))), "variable(2.5)",
                 "repr(Variable(np.array(2.5)))")


def test_repr_without_data(dezero):
    checks.equal(repr(dezero.Variable(None)), "variable(None)", "repr(Variable(None))")


def test_repr_lines_up_a_matrix_under_its_first_line(dezero):
    x = dezero.Variable(np.array([[1, 2, 3], [4, 5, 6]]))
    expected = "variable([[1 2 3]\n          [4 5 6]])"
    got = repr(x)
    checks.is_true(got == expected,
                   "repr(Variable(np.array([[1, 2, 3], [4, 5, 6]]))): each line after the first "
                   "is indented by len('variable(') spaces, so the rows line up:\n"
                   f"expected:\n{expected}\ngot:\n{got}")


def test_print_shows_the_repr(dezero):
    x = dezero.Variable(np.array([1.5, 2.0]))
    checks.equal(str(x), "variable([1.5 2. ])", "str(Variable(np.array([1.5, 2.0]))) "
                 "(print() uses __repr__ when there is no __str__)")
