"""Layers: functions that hold their own parameters. `import dezero.layers as L`.

A Function is made anew for every call and forgets everything after backward; a Layer is
made once and keeps its parameters (weights, biases) from one call to the next, so that
training can improve them.
"""

import weakref

import numpy as np

import dezero.functions as F
from dezero import cuda
from dezero.core import Parameter


class Layer:
    """The base of every layer: notes which attributes are Parameters, and calls forward."""

    def __init__(self):
        self._params = set()

    def __setattr__(self, name, value):
        """`self.W = Parameter(...)` passes here: a Parameter's name is noted in _params."""
        # (`self.l1 = L.Linear(10)`: the parameters of l1 are this layer's too)
        if isinstance(value, (Parameter, Layer)):
            self._params.add(name)
        super().__setattr__(name, value)

    def __call__(self, *inputs):
        """forward(*inputs); the inputs and outputs are kept as weak references."""
        outputs = self.forward(*inputs)
        if not isinstance(outputs, tuple):
            outputs = (outputs,)
        # Weakly, as a Function holds its outputs: a layer lives as long as its model, and
        # strong references would keep the whole graph of its last call alive with it.
        self.inputs = [weakref.ref(x) for x in inputs]
        self.outputs = [weakref.ref(y) for y in outputs]
        return outputs if len(outputs) > 1 else outputs[0]

    def forward(self, *inputs):
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")

    def params(self):
        """The layer's Parameters, one by one (a generator)."""
        for name in self._params:
            obj = self.__dict__[name]
            if isinstance(obj, Layer):
                yield from obj.params()
            else:
                yield obj

    def cleargrads(self):
        """Clear the grad of every Parameter: before each backward of a training loop."""
        for param in self.params():
            param.cleargrad()

    def to_cpu(self):
        """Move every parameter's data to the CPU (those of the layers inside too)."""
        raise NotImplementedError('TODO(step 52): write Layer.to_cpu(): to_cpu() on each of self.params()')

    def to_gpu(self):
        """Move every parameter's data to the GPU; needs CuPy."""
        raise NotImplementedError('TODO(step 52): write Layer.to_gpu(): to_gpu() on each of self.params()')


class Linear(Layer):
    """y = x W + b for x of shape (N, in_size); W has shape (in_size, out_size).

    Without in_size, W is made by the first call, from the size of the input it gets.
    """

    def __init__(self, out_size, nobias=False, dtype=np.float32, in_size=None):
        super().__init__()
        self.in_size = in_size
        self.out_size = out_size
        self.dtype = dtype
        self.W = Parameter(None, name="W")
        if self.in_size is not None:  # else W waits for the first input to say its size
            self._init_W()
        if nobias:
            self.b = None
        else:
            self.b = Parameter(np.zeros(out_size, dtype=dtype), name="b")

    # TODO(step 52): _init_W(self, xp=np): W's random numbers from xp, on x's device
    def _init_W(self):
        """W from a standard normal, times sqrt(1 / in_size): y then keeps x's scale."""
        I, O = self.in_size, self.out_size
        # np.sqrt gives a float64 scalar, and in NumPy 2 float32 times float64 is float64
        scale = np.sqrt(1 / I).astype(self.dtype)
        self.W.data = np.random.randn(I, O).astype(self.dtype) * scale

    def forward(self, x):
        # TODO(step 52): _init_W with the module of x
        if self.W.data is None:
            self.in_size = x.shape[1]
            self._init_W()
        return F.linear(x, self.W, self.b)
