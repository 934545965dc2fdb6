"""Step 44: a layer outlives the graphs it takes part in, so it holds them weakly.

A model lives for the whole training; each call of a layer builds a new graph. Held
strongly, a layer's `outputs` would keep the graph of its last call alive (every
intermediate array of a batch) after the loop dropped it. The tests run with the cyclic
GC off (kata.leaks): whatever survives `del` is held by someone.
"""

import weakref

import numpy as np
import pytest

from kata import checks, leaks

GUIDE = "steps/step44/README.md"


def test_a_layer_keeps_nothing_of_its_last_graph(dezero, L, F):
    layer = L.Linear(3, in_size=4)  # made before the block: its W and b stay, as a model's
    with leaks.no_cycles(dezero, "y = sigmoid(layer(x)); y.backward(); layer.cleargrads(); "
                         "del x, y (layer = L.Linear(3) kept)", GUIDE):
        x = dezero.Variable(checks.seeded().standard_normal((2, 4)))
        y = F.sigmoid(layer(x))
        y.backward()
        layer.cleargrads()  # W.grad and b.grad are new Variables: drop them too
        del x, y


def test_strong_outputs_would_keep_the_last_graph(dezero, L):
    """What a Layer with strong outputs does: the leak report names the layer's outputs."""

    class StrongOutputs(L.Linear):
        def __call__(self, *inputs):
            y = super().__call__(*inputs)
            self.outputs = [ref() if isinstance(ref, weakref.ref) else ref
                            for ref in self.outputs]  # strong references
            return y

    layer = StrongOutputs(3, in_size=4)
    layer(np.ones((1, 4)))  # the weak references are checked in test_layer.py
    with pytest.raises(pytest.fail.Exception) as failure:
        with leaks.no_cycles(dezero, "y = layer(x); del x, y (layer keeps strong outputs)",
                             GUIDE):
            x = dezero.Variable(np.ones((2, 4)))
            y = layer(x)
            del x, y
    report = str(failure.value)
    del failure
    checks.is_true("StrongOutputs.outputs" in report, f"with strong outputs, the graph of "
                   f"the layer's last call should survive `del y`, held by the layer's "
                   f"outputs; the leak report says:\n{report}")
