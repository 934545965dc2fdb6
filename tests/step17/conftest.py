"""What step 17's tests share: a Function with two outputs, and strong creators and inputs."""

import numpy as np
import pytest

from kata import checks, leaks


@pytest.fixture(autouse=True)
def creators_and_inputs_stay_strong(request):
    """Weak references belong in Function.outputs only: a weak creator or weak inputs would
    fail every test here with puzzling messages ("weak object has gone away"), so say it
    first, in every test that uses dezero."""
    if "dezero" not in request.fixturenames:
        return
    dezero = request.getfixturevalue("dezero")
    try:  # a Function of its own: Function and Variable are all it needs, at every step
        class Double(dezero.Function):
            def forward(self, x):
                return 2 * x

        y = Double()(dezero.Variable(np.array(2.0)))
    except (Exception, pytest.fail.Exception):  # not written yet, or broken: the test says
        return
    leaks.strong_links(y, "y = Double()(x)")


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
