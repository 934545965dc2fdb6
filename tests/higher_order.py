"""Derivatives of every order by backward of backward, for the tests of steps 32 and later."""


def derivatives(dezero, f, data, n) -> list:
    """[f'(x), ..., f⁽ⁿ⁾(x)] at x = Variable(data), as Variables: each derivative is backward
    (create_graph=True) of the one before. x's grad is cleared at the end."""
    x = dezero.Variable(data)
    f(x).backward(create_graph=True)
    found = []
    for _ in range(n):
        gx = x.grad
        found.append(gx)
        x.cleargrad()
        gx.backward(create_graph=True)
    x.cleargrad()
    return found
