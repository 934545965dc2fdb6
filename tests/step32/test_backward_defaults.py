"""Step 32: backward() alone records nothing (create_graph is False by default), and the
backwards written with Variables multiply by the gradient that flows in, whatever it is:
a seed of ones would hide `2 * x / gy` for `2 * x * gy`."""

import numpy as np
import pytest

from kata import checks


def test_create_graph_is_off_by_default(dezero):
    x = dezero.Variable(np.array(2.0))
    y = x ** 3 * 2.0 + dezero.exp(x)
    y.backward()
    checks.instance(x.grad, dezero.Variable, "x.grad after y.backward()")
    checks.is_true(x.grad.creator is None,
                   f"x.grad was made by {type(x.grad.creator).__name__} in y.backward() with "
                   f"no argument, expected no creator: create_graph is False by default (a "
                   f"graph is recorded only when asked for)")


@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("name", ["square", "exp"])
def test_backward_multiplies_by_the_incoming_grad(dezero, name, create_graph):
    data = np.array([0.5, -1.5, 2.0])
    x = dezero.Variable(data.copy())
    y = getattr(dezero, name)(x) * np.array([3.0, -2.0, 0.25])  # gy of square(x): not ones
    y.backward(create_graph=create_graph)
    derivative = 2 * data if name == "square" else np.exp(data)
    checks.close(x.grad, derivative * [3.0, -2.0, 0.25],
                 f"x.grad for y = {name}(x) * [3, -2, 0.25], backward(create_graph="
                 f"{create_graph}): {name}'s backward gets gy = [3, -2, 0.25] and returns "
                 f"its derivative times gy")
