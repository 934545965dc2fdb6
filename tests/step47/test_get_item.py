"""Step 47: F.get_item(x, slices) and x[...] on a Variable: NumPy's indexing, with a
gradient that goes back to where each element was taken from."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kata import checks
from tests.properties import SETTINGS, array, check_grad, seeds

INDEXES = {  # what the learner's code must accept: every kind of NumPy index
    "1": 1,
    "1:3": slice(1, 3),
    "(slice(None), 0)": (slice(None), 0),
    "[0, 0, 2]": np.array([0, 0, 2]),
    "(np.arange(2), [1, 0])": (np.arange(2), np.array([1, 0])),
}


@pytest.mark.parametrize("name", INDEXES)
def test_forward_is_numpys_indexing(dezero, F, name):
    x = array((3, 4), seed=1)
    y = F.get_item(dezero.Variable(x), INDEXES[name])
    checks.instance(y, dezero.Variable, f"F.get_item(x, {name})")
    checks.close(y, x[INDEXES[name]], f"F.get_item(x, {name}) for x of shape (3, 4)")


@pytest.mark.parametrize("name", INDEXES)
def test_backward_puts_the_gradient_back(dezero, F, name):
    check_grad(dezero, lambda x: F.get_item(x, INDEXES[name]), [array((3, 4), seed=2)],
               f"F.get_item(x, {name})")


def test_an_element_taken_twice_gets_both_gradients(dezero, F):
    x = dezero.Variable(np.array([1.0, 2.0, 3.0]))
    y = F.get_item(x, np.array([0, 0, 2]))
    y.backward()
    checks.close(x.grad, [2.0, 0.0, 1.0], "x.grad after y = F.get_item(x, [0, 0, 2]); "
                 "y.backward(): x[0] was taken twice", mistakes={
                     "gx[slices] += gy counts a repeated index once: use np.add.at":
                         [1.0, 0.0, 1.0]})


def test_variables_can_be_indexed(dezero):
    x = dezero.Variable(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
    y = x[1]
    checks.instance(y, dezero.Variable, "x[1] for a Variable x (Variable.__getitem__ is "
                    "F.get_item, installed by setup_variable)")
    checks.close(y, [4.0, 5.0, 6.0], "x[1]")
    z = x[:, 2]
    z.backward()
    checks.close(x.grad, [[0.0, 0.0, 1.0], [0.0, 0.0, 1.0]], "x.grad after z = x[:, 2]; "
                 "z.backward()")


def test_gradients_over_shapes_and_indexes(dezero, F):
    @SETTINGS
    @given(st.integers(1, 4), st.integers(1, 4), st.data(), seeds())
    def check(rows, columns, data, seed):
        picked = data.draw(st.lists(st.integers(0, rows - 1), min_size=1, max_size=5))
        column = data.draw(st.integers(-columns, columns - 1))
        index = (np.array(picked), column)
        check_grad(dezero, lambda x: F.get_item(x, index), [array((rows, columns), seed)],
                   f"F.get_item(x, (np.array({picked}), {column}))")

    check()


def test_the_gradient_can_be_differentiated_again(dezero, F):
    x = dezero.Variable(np.array([1.0, 2.0, 3.0]))
    y = F.sum(F.get_item(x, np.array([0, 2, 2])) ** 2)
    y.backward(create_graph=True)
    gx = x.grad
    checks.close(gx, [2.0, 0.0, 12.0], "dy/dx for y = sum(x[[0, 2, 2]] ** 2), x = [1, 2, 3]")
    x.cleargrad()
    F.sum(gx).backward()
    checks.close(x.grad, [2.0, 0.0, 4.0], "the gradient of sum(dy/dx): GetItemGrad's backward "
                 "is get_item of its gradient, recorded with create_graph=True")
