"""Step 17: a Function holds its outputs weakly and its inputs strongly; backward still works.

A weak reference (`weakref.ref(y)`) finds y while y lives and gives None afterwards, without
keeping y alive. Outputs held that way break the cycle; inputs stay strong, because backward
needs them, and because they are what keeps the middle of a graph alive.
"""

import weakref

import numpy as np
import pytest

from kata import checks, leaks


def is_weak_reference(value, what: str) -> None:
    checks.is_true(isinstance(value, weakref.ref), f"{what}: expected a weak reference "
                   f"(weakref.ref), got {type(value).__name__} ({checks.show(value)})")


def test_outputs_are_weak_references(dezero):
    x = dezero.Variable(np.array(3.0))
    y = dezero.square(x)
    ref = y.creator.outputs[0]
    is_weak_reference(ref, "y.creator.outputs[0] for y = square(x)")
    checks.is_true(ref() is y, "y.creator.outputs[0]() should give back y itself")


def test_a_weak_output_dies_with_its_variable(dezero):
    x = dezero.Variable(np.array(3.0))
    y = dezero.square(x)
    f = y.creator
    ref = f.outputs[0]
    is_weak_reference(ref, "f.outputs[0] for y = square(x), f = y.creator")
    del y
    checks.is_true(ref() is None, "after `del y`, f.outputs[0]() should be None: the weak "
                   "reference must not keep y alive (f is still held, by the name f)")


def chain(dezero, x):
    return dezero.square(dezero.exp(dezero.square(x)))


def diamond(dezero, x):
    a = dezero.square(x)
    return dezero.add(dezero.square(a), dezero.square(a))


def twice(dezero, x):
    return dezero.add(x, x)


def mixed(dezero, x):
    return dezero.add(dezero.exp(x), dezero.square(dezero.square(x)))


# Graphs of steps 11-16, each built inside a function: once it returns, only x and y have
# names, and the rest of the graph lives only through the functions' inputs.
GRAPHS = {
    "add(x, x)": twice,
    "square(exp(square(x)))": chain,
    "a = square(x); add(square(a), square(a))": diamond,
    "add(exp(x), square(square(x)))": mixed,
}


@pytest.mark.parametrize("what", GRAPHS)
def test_backward_works_once_the_intermediate_names_are_gone(dezero, what):
    build = GRAPHS[what]
    data = np.array([0.5, -1.0])
    expected = checks.numerical_grad(lambda a: build(dezero, dezero.Variable(a)).data, data)
    with leaks.no_cycles(dezero, f"y = {what}; y.backward()"):
        x = dezero.Variable(data.copy())
        y = build(dezero, x)
        checks.is_true(all(isinstance(v, dezero.Variable) for v in y.creator.inputs),
                       f"y.creator.inputs for y = {what} should hold the Variables themselves: "
                       f"inputs stay strong (backward needs them)")
        y.backward()
        checks.close(x.grad, expected, f"x.grad after y = {what}; y.backward()", rtol=1e-4)
        del x, y


def test_an_output_that_was_dropped_counts_as_zero(dezero, split):
    x = dezero.Variable(np.array(1.5))
    y0 = split()(x)[0]  # the other output, 3x, is dropped at once
    f = y0.creator
    is_weak_reference(f.outputs[1], "f.outputs[1] for y0 = Split()(x)[0]")
    checks.is_true(f.outputs[1]() is None, "the output of Split()(x) that nobody kept should "
                   "be dead: f.outputs[1]() should be None")
    y0.backward()
    checks.close(x.grad, 2.0, "x.grad after y0.backward(), y0 = Split()(x)[0] = 2x (the dead "
                 "output's gradient counts as zero)")
    checks.is_true(f.outputs[1]() is None, "backward must not bring the dropped output back")


def test_an_output_that_got_no_gradient_counts_as_zero(dezero, split):
    x = dezero.Variable(np.array(1.5))
    y0, y1 = split()(x)
    z = dezero.square(y0)  # y1 is alive, but nothing uses it
    z.backward()
    checks.close(x.grad, 2 * 2 * (2 * 1.5), "x.grad after z.backward(), y0, y1 = Split()(x), "
                 "z = square(y0) (y1 got no gradient: it counts as zero)")
