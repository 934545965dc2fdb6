"""Step 36: double backprop through the package's functions (no new code: steps 32-35's)."""

import numpy as np
import pytest

from kata import checks

NO_CODE = "step 36 adds no code to dezero: this checks steps 32-35's on a new use"


@pytest.mark.passes_on_skeleton(NO_CODE)
def test_the_gradient_of_a_function_of_sins_gradient(dezero):
    """y = sin(x), gx = cos(x), z = gx² + y: dz/dx = -2 cos(x) sin(x) + cos(x)."""
    data = np.array([-1.0, 0.3, 2.0])
    x = dezero.Variable(data)
    y = dezero.functions.sin(x)
    y.backward(create_graph=True)
    gx = x.grad
    x.cleargrad()
    z = gx ** 2 + y
    z.backward()
    checks.close(x.grad, -2 * np.cos(data) * np.sin(data) + np.cos(data),
                 "dz/dx for z = (d sin(x)/dx)² + sin(x)")
