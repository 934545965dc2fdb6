"""Step 20: graphs built with * and + are freed by reference counting alone (as in step 17).

The cyclic garbage collector is off inside `leaks.no_cycles`: a Variable or Function that
survives its last name there is held by a reference cycle.
"""

import numpy as np

from kata import checks, leaks


def operate(expression, what: str, *variables):
    """expression(*variables); a missing operator fails in plain words."""
    try:
        return expression(*variables)
    except TypeError as error:
        checks.fail(f"{what} raised TypeError ({error}): Variable needs the operators "
                    f"(step 20: Variable.__mul__ = mul, Variable.__add__ = add)")


def test_a_graph_of_operators_is_freed_without_the_gc(dezero):
    with leaks.no_cycles(dezero, "y = a * b + c; y.backward()"):
        a = dezero.Variable(np.array(3.0))
        b = dezero.Variable(np.array(2.0))
        c = dezero.Variable(np.array(1.0))
        y = operate(lambda a, b, c: a * b + c, "a * b + c", a, b, c)
        y.backward()
        del a, b, c, y


def test_a_loop_of_operator_graphs_leaves_nothing_behind(dezero):
    data = checks.seeded(4).standard_normal(100)
    with leaks.no_cycles(dezero, "20 graphs of x * x * x + x"):
        for _ in range(20):
            x = dezero.Variable(data)
            y = operate(lambda x: x * x * x + x, "x * x * x + x", x)
            y.backward()
        del x, y
