"""Step 44: Parameter and Layer. A layer finds its parameters by their type, when they are
assigned as attributes, and keeps its last inputs and outputs as weak references."""

import weakref

import numpy as np

from kata import checks


def holder(dezero):
    """A Layer with two Parameters, a plain Variable and a number as attributes."""

    class Holder(dezero.Layer):
        def __init__(self):
            super().__init__()
            self.p1 = dezero.Parameter(np.array(1.0))
            self.p2 = dezero.Parameter(np.array([2.0, 3.0]))
            self.v = dezero.Variable(np.array(4.0))  # a Variable, not a Parameter
            self.n = 5

        def forward(self, x):
            return x * self.p1 + self.v

    return Holder()


def names_of(params, layer):
    """The attribute names of `params` in layer (for messages)."""
    by_id = {id(value): name for name, value in vars(layer).items()}
    return sorted(by_id.get(id(p), f"<a {type(p).__name__} that is no attribute>")
                  for p in params)


def test_params_gives_the_parameters_only(dezero):
    layer = holder(dezero)
    found = list(layer.params())
    names = sorted(p for p in found if isinstance(p, str))  # the names in _params themselves
    checks.is_true(not names, f"layer.params() gave strings ({', '.join(map(repr, names))}), "
                   f"not the Parameter objects: yield the attribute each name stands for")
    checks.equal(names_of(found, layer), ["p1", "p2"], "the attributes layer.params() gives "
                 "(a Layer holding Parameters p1, p2, a Variable v and the number n): only "
                 "the Parameters, each once, found by Layer.__setattr__")
    checks.is_true(all(isinstance(p, dezero.Parameter) for p in found),
                   "layer.params() should give the Parameter objects themselves")
    checks.is_true(isinstance(layer.p1, dezero.Variable) and not isinstance(
        layer.v, dezero.Parameter), "Parameter is a subclass of Variable (a Parameter is a "
        "Variable; a Variable is no Parameter)")


def test_cleargrads_clears_every_parameter(dezero):
    layer = holder(dezero)
    y = layer(dezero.Variable(np.array(2.0)))
    y.backward()
    checks.close(layer.p1.grad, 2.0, "p1.grad after y = x * p1 + v; y.backward() (x = 2)")
    layer.cleargrads()
    for name in ("p1", "p2"):
        checks.is_true(getattr(layer, name).grad is None,
                       f"layer.{name}.grad after layer.cleargrads(): expected None")
    checks.close(layer.v.grad, 1.0, "v.grad after layer.cleargrads(): v is no Parameter, "
                 "so cleargrads leaves it")


def test_call_returns_what_forward_returns(dezero):
    class Pair(dezero.Layer):
        def forward(self, x):
            return x * 2, x * 3

    layer = holder(dezero)
    y = layer(dezero.Variable(np.array(2.0)))
    checks.instance(y, dezero.Variable, "layer(x) for a forward that returns one Variable "
                    "(unwrapped, as Function does)")
    checks.close(y, 6.0, "layer(x) = x * p1 + v, x = 2, p1 = 1, v = 4")
    pair = Pair()(dezero.Variable(np.array(1.0)))
    checks.instance(pair, tuple, "Pair()(x) for a forward that returns two Variables")
    checks.close([y.data for y in pair], [2.0, 3.0], "Pair()(x), x = 1: (2x, 3x)")


def test_inputs_and_outputs_are_weak_references(dezero):
    layer = holder(dezero)
    x = dezero.Variable(np.array(2.0))
    y = layer(x)
    for name, value in (("inputs", x), ("outputs", y)):
        refs = getattr(layer, name, None)
        checks.is_true(isinstance(refs, list) and len(refs) == 1,
                       f"layer.{name} after y = layer(x): expected a list of one weak "
                       f"reference, got {checks.show(refs)}")
        checks.is_true(isinstance(refs[0], weakref.ref), f"layer.{name}[0] after y = "
                       f"layer(x): expected a weak reference (weakref.ref), as "
                       f"Function.outputs, got {checks.kind_of(refs[0])}")
        checks.is_true(refs[0]() is value, f"layer.{name}[0]() should give back "
                       f"{'x' if name == 'inputs' else 'y'} itself")
    ref = layer.outputs[0]
    del y, value
    checks.is_true(ref() is None, "after `del y`, layer.outputs[0]() should be None: the "
                   "layer must not keep its output alive")
