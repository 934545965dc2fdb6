"""Step 57: F.max and F.min (which pooling_simple takes the window's maximum with), along
any axes, with keepdims, and their gradients: to the elements that are the maximum."""

import numpy as np
import pytest

from kata import checks
from tests.properties import array, check_grad

CASES = [(None, False), (None, True), (1, False), (1, True), ((0, 2), True), (-1, False)]


@pytest.mark.parametrize("name", ["max", "min"])
@pytest.mark.parametrize(("axis", "keepdims"), CASES,
                         ids=[f"axis={axis}, keepdims={keep}" for axis, keep in CASES])
def test_values_and_gradients(dezero, name, axis, keepdims):
    F = dezero.functions
    data = array((2, 3, 4), seed=11)  # distinct numbers: no ties
    call = f"F.{name}(x, axis={axis}, keepdims={keepdims})"
    expected = getattr(np, name)(data, axis=axis, keepdims=keepdims)
    y = getattr(F, name)(dezero.Variable(data.copy()), axis=axis, keepdims=keepdims)
    checks.close(y, expected, f"{call} for x of shape (2, 3, 4) (as np.{name}(x, axis=..., "
                 f"keepdims=...): keepdims=True keeps the reduced axes, with size 1)")
    check_grad(dezero, lambda x: getattr(F, name)(x, axis=axis, keepdims=keepdims), [data],
               call)
