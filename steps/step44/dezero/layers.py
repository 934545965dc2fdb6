"""Layers: functions that hold their own parameters. `import dezero.layers as L`.

A Function is made anew for every call and forgets everything after backward; a Layer is
made once and keeps its parameters (weights, biases) from one call to the next, so that
training can improve them.
"""

import weakref

import numpy as np

import dezero.functions as F
from dezero.core import Parameter


class Layer:
    """The base of every layer: notes which attributes are Parameters, and calls forward."""

    def __init__(self):
        raise NotImplementedError('TODO(step 44): write Layer.__init__(): an empty set of names: the attributes that hold a Parameter')

    def __setattr__(self, name, value):
        """`self.W = Parameter(...)` passes here: a Parameter's name is noted in _params."""
        raise NotImplementedError('TODO(step 44): write Layer.__setattr__(): note the name of a Parameter, then set the attribute as usual')

    def __call__(self, *inputs):
        """forward(*inputs); the inputs and outputs are kept as weak references."""
        raise NotImplementedError('TODO(step 44): write Layer.__call__(): forward, outputs as a tuple, weak references to both, unwrap one')

    def forward(self, *inputs):
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")

    def params(self):
        """The layer's Parameters, one by one (a generator)."""
        raise NotImplementedError('TODO(step 44): write Layer.params(): yield the attribute of each name in _params')

    def cleargrads(self):
        """Clear the grad of every Parameter: before each backward of a training loop."""
        raise NotImplementedError('TODO(step 44): write Layer.cleargrads(): cleargrad() on each of params()')


class Linear(Layer):
    """y = x W + b for x of shape (N, in_size); W has shape (in_size, out_size).

    Without in_size, W is made by the first call, from the size of the input it gets.
    """

    def __init__(self, out_size, nobias=False, dtype=np.float32, in_size=None):
        super().__init__()
        raise NotImplementedError('TODO(step 44): write Linear.__init__(): the sizes and dtype; W (named "W") now if in_size is known; b')

    def _init_W(self):
        """W from a standard normal, times sqrt(1 / in_size): y then keeps x's scale."""
        raise NotImplementedError('TODO(step 44): write Linear._init_W(): randn(in_size, out_size) in self.dtype, times a scale of that dtype')

    def forward(self, x):
        raise NotImplementedError('TODO(step 44): write Linear.forward(): make W on the first call (in_size = x.shape[1]), then F.linear')
