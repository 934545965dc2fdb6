"""Step 18: backward drops intermediate grads (and frees their arrays) unless retain_grad=True."""

import weakref

import numpy as np
import pytest

from kata import checks


@pytest.fixture
def recorder(dezero):
    """A Function that passes x through and keeps a weak reference to each gradient it sees."""

    class Recorder(dezero.Function):
        def forward(self, x):
            return x

        def backward(self, gy):
            self.seen = weakref.ref(gy)
            return gy

    return Recorder


def build(dezero, recorder):
    """a = square(x); b = r(a) (b is a, seen by the recorder r); y = square(b); x = [2, 1]."""
    x = dezero.Variable(np.array([2.0, 1.0]))
    a = dezero.square(x)
    r = recorder()
    b = r(a)
    y = dezero.square(b)
    return x, a, r, b, y


def test_backward_drops_intermediate_grads(dezero, recorder):
    x, a, r, b, y = build(dezero, recorder)
    y.backward()
    for name, variable in (("a", a), ("b", b), ("y", y)):
        checks.is_true(variable.grad is None, f"{name}.grad after y.backward() should be None "
                       f"({name} is not a leaf), got {checks.show(variable.grad)}")
    checks.close(x.grad, [32.0, 4.0], "x.grad after y.backward(), y = square(square(x)), "
                 "x = [2, 1] (a leaf keeps its grad)")
    checks.is_true(r.seen() is None, "the gradient array that flowed from y back through b "
                   "is still alive after y.backward(): once a and b have no grad, nothing "
                   "should refer to it")


def test_retain_grad_keeps_every_grad(dezero, recorder):
    x, a, r, b, y = build(dezero, recorder)
    y.backward(retain_grad=True)
    checks.close(y.grad, [1.0, 1.0], "y.grad after y.backward(retain_grad=True)")
    checks.close(b.grad, [8.0, 2.0], "b.grad after y.backward(retain_grad=True), y = square(b), "
                 "b = [4, 1]")
    checks.close(a.grad, [8.0, 2.0], "a.grad after y.backward(retain_grad=True), b = a")
    checks.close(x.grad, [32.0, 4.0], "x.grad after y.backward(retain_grad=True)")
    checks.is_true(r.seen() is not None, "with retain_grad=True, the gradient array that "
                   "flowed through b should still be alive (it is b.grad)")
