"""What step 17's tests share: a Function with two outputs."""

import pytest

from kata import checks


@pytest.fixture
def split(dezero):
    """A Function with two outputs: Split()(x) returns (2x, 3x)."""

    class Split(dezero.Function):
        def forward(self, x):
            return 2 * x, 3 * x

        def backward(self, gy0, gy1):
            if gy0 is None or gy1 is None:
                checks.fail(f"Split.backward got gradients ({checks.show(gy0)}, "
                            f"{checks.show(gy1)}): an output that got no gradient (or is "
                            f"gone) must pass zeros, not None (Function.output_grads)")
            return 2 * gy0 + 3 * gy1

    return Split
