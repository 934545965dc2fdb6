"""Step 33: Newton's method with derivatives computed by DeZero, second derivative included.

To minimise f, Newton's method jumps to the minimum of the parabola that touches f at x:
x ← x - f'(x) / f''(x). Step 32 made both derivatives automatic: f'(x) from
y.backward(create_graph=True), and f''(x) from backward of that gradient.
"""

def f(x):
    """y = x⁴ - 2x², the book's example: its minima are at x = -1 and x = 1."""
    raise NotImplementedError('TODO(step 33): write f(): with operators')


def newton(x, iters=10):
    """Minimise f from the Variable x by Newton's method, updating x.data in place.

    Returns the values x had at the start of each iteration (the book prints them): for
    x = 2.0, [2.0, 1.4545..., 1.1510..., ..., 1.0]. Leaves x.grad holding f''(x) of the last
    iteration, as the book's loop does, and no reference cycle behind.
    """
    visited = []
    for _ in range(iters):
        visited.append(x.data.copy())
        raise NotImplementedError("TODO(step 33): write newton(): f'(x) by backward(create_graph=True), f''(x) by backward of it, update")
    return visited
