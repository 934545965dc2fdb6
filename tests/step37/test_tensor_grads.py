"""Step 37 and later: every function of steps 1-36 works on tensors, element by element, and
gives each input a grad of the input's shape (tests/properties.py: many shapes, numerically).

Step 37 writes no dezero code: this holds because NumPy's operations are element-wise. It
keeps holding while later steps change those functions (step 40's backward of +, *, -, /).
"""

import pytest
from hypothesis import given

from tests.properties import SETTINGS, array, check_grad, seeds, shapes

SKELETON_PASSES = ("step 37 writes no dezero code: it shows that steps 1-36 already work on "
                   "tensors, and keeps checking that they still do")

# name: (f(F, *inputs), the numbers' range (a divisor stays away from 0)). No constants such
# as 2.0 * x: a 0-d constant is broadcast to x's shape, and its grad has the right shape only
# from step 40 on (tests/step40).
ONE_INPUT = {
    "F.sin": (lambda F, x: F.sin(x), (-2, 2)),
    "F.cos": (lambda F, x: F.cos(x), (-2, 2)),
    "F.tanh": (lambda F, x: F.tanh(x), (-2, 2)),
    "F.exp": (lambda F, x: F.exp(x), (-2, 2)),
    "x ** 3": (lambda F, x: x ** 3, (-2, 2)),
    "-x": (lambda F, x: -x, (-2, 2)),
    "x * x": (lambda F, x: x * x, (-2, 2)),
}
TWO_INPUTS = {
    "x0 + x1": (lambda F, a, b: a + b, (-2, 2)),
    "x0 * x1": (lambda F, a, b: a * b, (-2, 2)),
    "x0 - x1": (lambda F, a, b: a - b, (-2, 2)),
    "x0 / x1": (lambda F, a, b: a / b, (0.5, 2)),
}


def check_over_shapes(dezero, name, f, ranges):
    """check_grad of f(*inputs) over many shapes, every input of the same shape."""
    F = dezero.functions

    @SETTINGS
    @given(shape=shapes(), seed=seeds())
    def check(shape, seed):
        inputs = [array(shape, seed + i, low, high) for i, (low, high) in enumerate(ranges)]
        check_grad(dezero, lambda *xs: f(F, *xs), inputs, name)
    check()


@pytest.mark.passes_on_skeleton(SKELETON_PASSES)
def test_one_input_functions_on_tensors(dezero):
    for name, (f, low_high) in ONE_INPUT.items():
        check_over_shapes(dezero, name, f, [low_high])


@pytest.mark.passes_on_skeleton(SKELETON_PASSES)
def test_two_input_operators_on_tensors_of_one_shape(dezero):
    for name, (f, low_high) in TWO_INPUTS.items():
        check_over_shapes(dezero, name, f, [(-2, 2), low_high])
