"""Step 32: what create_graph does to memory.

With create_graph=False (the default) the grads are computed without recording anything, so
a graph is still freed by reference counting alone, as in step 17. With create_graph=True,
x.grad is a Variable whose graph contains x itself: x → x.grad → creator → ... → inputs → x
is a reference cycle. x.cleargrad() breaks it. (Run with the cyclic GC off: kata.leaks.)
"""

import numpy as np
import pytest

from kata import checks, leaks

BOOK_F = "y = x ** 4 - 2 * x ** 2"


def book_f(x):
    return x ** 4 - 2 * x ** 2


def reaches(start, target) -> bool:
    """Whether target is among the inputs of the graph that made `start` (creators, inputs)."""
    stack, seen = [start.creator], set()
    while stack:
        f = stack.pop()
        if f is None or id(f) in seen:
            continue
        seen.add(id(f))
        for x in f.inputs:
            if x is target:
                return True
            stack.append(x.creator)
    return False


def test_a_plain_backward_leaves_nothing_behind(dezero):
    with leaks.no_cycles(dezero, f"{BOOK_F}; y.backward(create_graph=False)"):
        x = dezero.Variable(np.array(2.0))
        y = book_f(x)
        y.backward(create_graph=False)
        del x, y


def test_with_create_graph_the_grads_graph_holds_x(dezero):
    x = dezero.Variable(np.array(2.0))
    book_f(x).backward(create_graph=True)
    checks.is_true(reaches(x.grad, x), "x is not an input anywhere in x.grad's graph after "
                   "backward(create_graph=True): the grads should be computed from the "
                   "input Variables (x, not x.data)")
    x.cleargrad()


def test_create_graph_leaves_a_cycle_through_grad(dezero):
    """The leak report a learner would see: every cycle goes through a `.grad`."""
    with pytest.raises(pytest.fail.Exception) as failure:
        with leaks.no_cycles(dezero, f"{BOOK_F}; y.backward(create_graph=True)"):
            x = dezero.Variable(np.array(2.0))
            y = book_f(x)
            y.backward(create_graph=True)
            del x, y
    report = str(failure.value)
    del failure
    checks.is_true("Variable.grad → Variable" in report, f"the leak report should show the "
                   f"cycle through x.grad; it says:\n{report}")


def test_cleargrad_breaks_the_cycle(dezero):
    with leaks.no_cycles(dezero, f"{BOOK_F}; y.backward(create_graph=True); x.cleargrad()"):
        x = dezero.Variable(np.array(2.0))
        y = book_f(x)
        y.backward(create_graph=True)
        x.cleargrad()  # x no longer refers to the graph that refers to x
        del x, y


def test_no_grad_records_nothing_even_with_create_graph(dezero):
    with leaks.no_cycles(dezero, f"with no_grad(): {BOOK_F}"):
        x = dezero.Variable(np.array(2.0))
        with dezero.no_grad():
            y = book_f(x)
        checks.is_true(y.creator is None, "under no_grad(), y.creator should be None")
        y.backward(create_graph=True)  # y is a leaf: only its own seed grad
        del x, y
