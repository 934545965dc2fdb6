"""Step 40: F.broadcast_to, F.sum_to, utils.sum_to, and + - * / between broadcast shapes.

When NumPy broadcasts an input of a function, backward must sum the grad back to that
input's shape: a grad has its input's shape. check_grad (tests/properties.py) names the
function whose backward gives a grad of another shape, over many broadcasting pairs.
"""

import numpy as np
import pytest
from hypothesis import given

from kata import checks
from tests.properties import (
    SETTINGS,
    array,
    broadcast_target,
    broadcastable_pairs,
    check_grad,
    seeds,
)

OPERATORS = {  # name: (operator, the numbers' range for x1: a divisor stays away from 0)
    "x0 + x1": (lambda a, b: a + b, (-2, 2)),
    "x0 * x1": (lambda a, b: a * b, (-2, 2)),
    "x0 - x1": (lambda a, b: a - b, (-2, 2)),
    "x0 / x1": (lambda a, b: a / b, (0.5, 2)),
}


def test_the_books_example(dezero):
    x0 = dezero.Variable(np.array([1.0, 2.0, 3.0]))
    x1 = dezero.Variable(np.array([10.0]))
    y = x0 + x1
    checks.close(y, [11.0, 12.0, 13.0], "x0 + x1 for x0 = [1, 2, 3], x1 = [10]")
    y.backward()
    checks.close(x0.grad, [1.0, 1.0, 1.0], "x0.grad after (x0 + x1).backward()")
    checks.close(x1.grad, [3.0], "x1.grad after (x0 + x1).backward(): x1 was broadcast to "
                 "3 elements, so its grad is the sum of their 3 grads, in x1's shape (1,)",
                 mistakes={"Add's backward gives x1 gy itself, of x0's shape: sum it to x1's "
                           "shape with sum_to": [1.0, 1.0, 1.0]})


def check_utils_sum_to(utils, shape, target, seed):
    """utils.sum_to(x, shape) for x of shape target: an ndarray of the shape, whose elements
    are the sums of the elements of x broadcast from them."""
    __tracebackhide__ = True
    x = array(target, seed)
    call = f"utils.sum_to(x, {shape}) for x of shape {target}"
    got = utils.sum_to(x, shape)
    checks.is_array(got, call)
    lead = len(target) - len(shape)
    if got.shape != shape and 1 in shape:
        without_ones = tuple(side for side in shape if side != 1)
        kept_lead = tuple(target[:lead]) + shape
        hint = ""
        if got.shape == without_ones:
            hint = ("the axes where shape has a 1 were summed away: sum them with "
                    "keepdims=True, so that they stay, with size 1")
        elif got.shape == kept_lead:
            hint = f"the {lead} leading axes x has in excess of shape were not summed"
        elif got.shape == target:
            hint = "nothing was summed: the axes where shape has a 1 are summed too"
        if hint:
            checks.fail(f"{call}: expected shape {shape}, got {got.shape}: {hint}",
                        named_mistake=True)
    checks.equal(got.shape, shape, f"{call}: its shape")
    # sum_to is broadcast_to's adjoint: <sum_to(x), v> = <x, broadcast_to(v)> for all v
    v = array(shape, seed + 1)
    checks.close(np.sum(got * v), np.sum(x * np.broadcast_to(v, target)),
                 f"{call}: each element is the sum of the elements broadcast from it")


# (shape, target): every way an axis of size 1 comes back, with and without leading axes
SIZE_1_AXES = [((1, 3), (2, 3)), ((2, 1), (2, 3)), ((1, 1), (2, 3)), ((1,), (4,)),
               ((3, 1), (2, 3, 4)), ((1, 4), (2, 3, 4)), ((1, 1, 1), (2, 3, 4))]


@pytest.mark.explains("keepdims=True")
@pytest.mark.parametrize(("shape", "target"), SIZE_1_AXES,
                         ids=[f"{target} -> {shape}" for shape, target in SIZE_1_AXES])
def test_utils_sum_to_keeps_size_1_axes(dezero, shape, target):
    check_utils_sum_to(dezero.utils, shape, target, seed=3)


def test_utils_sum_to(dezero):
    utils = dezero.utils

    @SETTINGS
    @given(case=broadcast_target(), seed=seeds())
    def check(case, seed):
        check_utils_sum_to(utils, *case, seed)
    check()


def test_same_shape_gives_x_itself(dezero):
    F = dezero.functions
    x = dezero.Variable(array((2, 3), seed=5))
    for name, f in [("F.broadcast_to", F.broadcast_to), ("F.sum_to", F.sum_to)]:
        y = f(x, (2, 3))
        made_by = getattr(getattr(y, "creator", None), "__class__", type(None)).__name__
        checks.is_true(y is x, f"{name}(x, x.shape) for a Variable x of shape (2, 3): "
                               f"expected x itself (nothing to spread or sum, so nothing to "
                               f"remember for backward), got another {checks.kind_of(y)}"
                               f" (made by {made_by})")
        data = array((3,), seed=6)
        y = f(data, (3,))
        checks.instance(y, dezero.Variable, f"{name}(x, x.shape) for an ndarray x of shape "
                                            f"(3,)")
        checks.is_true(y.data is data, f"{name}(x, x.shape) for an ndarray x: expected a "
                                       f"Variable holding x itself (as_variable(x)), got one "
                                       f"holding {checks.show(y.data)}")


def test_broadcast_to_and_sum_to_over_shapes(dezero):
    F = dezero.functions

    @SETTINGS
    @given(case=broadcast_target(), seed=seeds())
    def check(case, seed):
        shape, target = case
        small, big = array(shape, seed), array(target, seed + 1)
        checks.close(F.broadcast_to(dezero.Variable(small), target),
                     np.broadcast_to(small, target),
                     f"F.broadcast_to(x, {target}) for x of shape {shape}")
        check_grad(dezero, lambda x: F.broadcast_to(x, target), [small],
                   f"F.broadcast_to(x, {target})")
        checks.equal(F.sum_to(dezero.Variable(big), shape).shape, shape,
                     f"F.sum_to(x, {shape}).shape for x of shape {target}")
        check_grad(dezero, lambda x: F.sum_to(x, shape), [big], f"F.sum_to(x, {shape})")
    check()


def check_broadcast_pairs(dezero, name, op, low, high):
    @SETTINGS
    @given(pair=broadcastable_pairs(), seed=seeds())
    def check(pair, seed):
        x0, x1 = array(pair[0], seed), array(pair[1], seed + 1, low, high)
        check_grad(dezero, op, [x0, x1], name)
    check()


def test_operators_between_broadcast_shapes(dezero):
    for name, (op, (low, high)) in OPERATORS.items():
        check_broadcast_pairs(dezero, name, op, low, high)


def test_operators_with_a_number(dezero):
    x = array((2, 3), seed=7, low=0.5, high=2.0)
    for name, f in [("x + 2.0", lambda v: v + 2.0), ("2.0 * x", lambda v: 2.0 * v),
                    ("x - 1", lambda v: v - 1), ("1 - x", lambda v: 1 - v),
                    ("x / 4.0", lambda v: v / 4.0), ("3.0 / x", lambda v: 3.0 / v)]:
        # the number is a 0-d Variable: its grad, too, must come back 0-d
        check_grad(dezero, f, [x], name)


def test_sum_has_higher_derivatives_now(dezero):
    F = dezero.functions
    data = np.array([1.0, 2.0, 3.0])
    x = dezero.Variable(data.copy())
    y = F.sum(x) ** 2  # dy/dx[i] = 2 sum(x): every gx[i] depends on every x[j]
    y.backward(create_graph=True)
    gx = x.grad
    checks.close(gx, 2 * data.sum() * np.ones(3), "x.grad for y = F.sum(x) ** 2")
    x.cleargrad()
    F.sum(gx).backward()
    checks.close(x.grad, [6.0, 6.0, 6.0], "d/dx of sum(dy/dx) for y = F.sum(x) ** 2 (2n for "
                 "n = 3 elements): Sum.backward spreads gy with F.broadcast_to, which is "
                 "recorded with create_graph=True")
