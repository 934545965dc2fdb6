"""Step 45: a Layer among a layer's attributes counts too: params() goes down into it."""

import numpy as np
import pytest

from kata import checks


def ids(params):
    return sorted(id(p) for p in params)


def nested(dezero, L):
    """outer: a Parameter p, a Linear l1, and a Layer inner holding a Linear l2 and a
    Parameter q: six Parameters in all (p, l1.W, l1.b, l2.W, l2.b, q)."""

    class Inner(dezero.Layer):
        def __init__(self):
            super().__init__()
            self.l2 = L.Linear(2, in_size=3)
            self.q = dezero.Parameter(np.array(1.0))

    class Outer(dezero.Layer):
        def __init__(self):
            super().__init__()
            self.p = dezero.Parameter(np.array(2.0))
            self.l1 = L.Linear(3, in_size=4)
            self.inner = Inner()

    return Outer()


def all_params(outer):
    return [outer.p, outer.l1.W, outer.l1.b, outer.inner.l2.W, outer.inner.l2.b, outer.inner.q]


@pytest.mark.explains("should give Parameters only")
def test_params_goes_down_into_the_layers(dezero, L):
    outer = nested(dezero, L)
    found = list(outer.params())
    checks.is_true(all(isinstance(p, dezero.Parameter) for p in found),
                   f"outer.params() should give Parameters only (a Layer's own params(), not "
                   f"the Layer itself); it gave {[type(p).__name__ for p in found]}")
    checks.equal(len(found), 6, "how many Parameters outer.params() gives (p; l1.W, l1.b; "
                 "and inside the layer `inner`: l2.W, l2.b, q)")
    checks.equal(ids(found), ids(all_params(outer)), "the Parameters outer.params() gives: "
                 "each of them once")


def test_cleargrads_reaches_the_inner_layers(dezero, L):
    outer = nested(dezero, L)
    for p in all_params(outer):
        p.grad = dezero.Variable(np.ones_like(p.data))
    outer.cleargrads()
    left = [p.name or "p/q" for p in all_params(outer) if p.grad is not None]
    checks.equal(left, [], "the Parameters that still have a grad after outer.cleargrads() "
                 "(it clears the inner layers' too, through params())")
