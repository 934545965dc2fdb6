"""Step 8: backward() walks the graph with a loop, so no chain is too long for it."""

import sys

import numpy as np
import pytest

from kata import checks


@pytest.mark.not_at(11)  # step 11 alone calls functions with a list
def test_backward_handles_a_chain_longer_than_the_recursion_limit(dezero):
    class AddOne(dezero.Function):
        def forward(self, x):
            return x + 1

        def backward(self, gy):
            return gy

    depth = sys.getrecursionlimit() + 1000
    x = dezero.Variable(np.array(0.0))
    y = x
    for _ in range(depth):
        y = AddOne()(y)
    y.grad = np.array(1.0)
    try:
        y.backward()
    except RecursionError:
        checks.fail(f"y.backward() on a chain of {depth} functions hit Python's recursion "
                    f"limit ({sys.getrecursionlimit()} nested calls): walk the graph with a "
                    f"loop over a list of functions to visit, not with recursive calls")
    checks.close(y.data, float(depth), f"y = x + 1 + 1 + ... ({depth} times) at x = 0")
    checks.close(x.grad, 1.0, f"x.grad after y.backward() on a chain of {depth} functions "
                 f"that each add 1 (dy/dx = 1)")
