"""Step 59: Variable.unchain() and unchain_backward(): cutting the graph behind a Variable.

Cut, the functions before the cut are freed at once, by reference counting alone: these
tests switch the cyclic garbage collector off (kata.leaks), so whatever is freed was freed
by the cut itself. (Steps 17-18 made sure nothing else holds a graph alive.)
"""

import weakref

import numpy as np

from kata import checks, leaks

GUIDE = "steps/step59/README.md"


def chain(dezero, x, n):
    """y = tanh(tanh(... tanh(x * 0.5) ...)), n functions after the Mul: an RNN's shape."""
    y = x * 0.5
    for _ in range(n):
        y = dezero.functions.tanh(y)
    return y


def test_unchain_forgets_the_creator_only(dezero):
    x = dezero.Variable(np.array([1.0, 2.0]))
    y = dezero.functions.tanh(x)
    y.backward()
    data, grad = y.data, y.grad
    y.unchain()
    checks.is_true(y.creator is None, "y.creator after y.unchain(): expected None")
    checks.is_true(y.data is data and y.grad is grad, "y.unchain() should leave y's data and "
                   "grad as they were")


def test_unchain_backward_cuts_every_link_behind(dezero):
    x = dezero.Variable(np.array(0.3))
    variables = [x * 0.5]
    for _ in range(4):
        variables.append(dezero.functions.tanh(variables[-1]))
    y = variables[-1]
    last = y.creator
    y.unchain_backward()
    cut = [i for i, v in enumerate(variables[:-1]) if v.creator is not None]
    checks.equal(cut, [], "the Variables behind y that still have a creator after "
                 "y.unchain_backward() (by position, 0 = x * 0.5)")
    checks.is_true(y.creator is last, "y.creator after y.unchain_backward(): y keeps its own "
                   "creator (the book's behaviour); the Variables before it lose theirs")


def test_backward_stops_at_the_cut(dezero):
    x = dezero.Variable(np.array(0.3))
    h = chain(dezero, x, 3)
    y = dezero.functions.tanh(h)
    h.unchain_backward()  # cuts what is behind h: h itself keeps its creator
    h.unchain()  # ... and now h is a leaf
    y.backward()
    checks.close(h.grad, 1 - np.tanh(h.data) ** 2, "h.grad after h is cut off and "
                 "y = tanh(h) backward: dy/dh")
    checks.is_true(x.grad is None, "x.grad after the cut: expected None (backward must stop "
                   "at h, which has no creator now)")


def test_a_shared_variable_is_cut_once(dezero):
    """A diamond: a is used twice; after the cut backward of y reaches neither a nor x."""
    F = dezero.functions
    x = dezero.Variable(np.array(0.7))
    a = F.tanh(x)
    y = F.tanh(a) + F.sin(a)
    y.unchain_backward()
    checks.is_true(a.creator is None, "a.creator after y.unchain_backward(), a = tanh(x) "
                   "used twice in y = tanh(a) + sin(a): expected None")
    checks.is_true(all(v.creator is None for v in y.creator.inputs),
                   "y's creator's inputs (tanh(a), sin(a)) should have no creator after "
                   "y.unchain_backward()")


def test_a_long_graph_is_cut_without_recursion(dezero):
    x = dezero.Variable(np.array(0.1))
    y = chain(dezero, x, 3000)  # deeper than Python's recursion limit
    y.unchain_backward()
    checks.is_true(y.creator.inputs[0].creator is None, "after unchain_backward() on a graph "
                   "3000 functions deep, the Variable before y should have no creator")


def test_the_functions_before_the_cut_are_freed_at_once(dezero):
    what = "h = tanh(...tanh(x * 0.5)...), 20 functions; h.unchain_backward(); h kept"
    with leaks.no_cycles(dezero, what, GUIDE) as probe:
        x = dezero.Variable(np.array(0.5))
        h = chain(dezero, x, 20)
        functions = []  # weak references: the test must not keep them alive itself
        f = h.creator
        while f is not None:
            functions.append(weakref.ref(f))
            f = f.inputs[0].creator
        h.unchain_backward()
        alive = sum(ref() is not None for ref in functions)
        left = probe.new_objects()["Function"]
        del x, h, f
    checks.equal(alive, 1, "Functions of the 21 behind h still alive after "
                 "h.unchain_backward(), with the cyclic GC off (h's own creator only: "
                 "unchain_backward cuts the links behind h, each Variable's creator)")
    checks.equal(left, 1, "Functions alive after the cut, counted by kata.leaks")
