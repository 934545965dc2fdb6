"""DeZero's functions beyond the operators: `import dezero.functions as F`, then F.exp(x).

The book fills this module from step 34 on (F.sin, F.cos, F.tanh, ...). The functions of the
first steps stay in dezero/core.py, where the tests of those steps find them; this module
offers them under F as well.
"""

import numpy as np  # noqa: F401  (the functions of steps 34 and 35 compute with it)

from dezero import utils  # the shape helpers of the tensor functions

# Function is the base of the functions to come; exp and square are offered: F.exp(x)
from dezero.core import Function, as_variable, exp, square  # noqa: F401


class Sin(Function):
    """y = sin(x)"""

    def forward(self, x):
        return np.sin(x)

    def backward(self, gy):
        """dy/dx = cos(x), written with dezero's cos so that it can be recorded too."""
        x = self.inputs[0]
        return gy * cos(x)


class Cos(Function):
    """y = cos(x)"""

    def forward(self, x):
        return np.cos(x)

    def backward(self, gy):
        """dy/dx = -sin(x): with Sin's backward, derivatives go round sin, cos, -sin, -cos."""
        x = self.inputs[0]
        return gy * -sin(x)


def sin(x):
    """sin(x), remembered for backward."""
    return Sin()(x)


def cos(x):
    """cos(x), remembered for backward."""
    return Cos()(x)


class Tanh(Function):
    """y = tanh(x)"""

    def forward(self, x):
        return np.tanh(x)

    def backward(self, gy):
        """dy/dx = 1 - y ** 2, from the output y itself: no need to compute tanh again."""
        # The output is alive here: backward reached this function through it.
        y = self.outputs[0]()
        return gy * (1 - y * y)


def tanh(x):
    """tanh(x), remembered for backward."""
    return Tanh()(x)


class Reshape(Function):
    """y = x with its elements in a new shape (the same elements, in the same order)."""

    def __init__(self, shape):
        self.shape = shape

    def forward(self, x):
        self.x_shape = x.shape
        return x.reshape(self.shape)

    def backward(self, gy):
        """Reshaping moves no element: the gradient only goes back to x's shape."""
        return reshape(gy, self.x_shape)


def reshape(x, shape):
    """x in the given shape, remembered for backward; x itself if it has that shape already."""
    if x.shape == shape:
        return as_variable(x)
    return Reshape(shape)(x)


class Transpose(Function):
    """y = x with its axes reordered: reversed for axes=None, as np.transpose."""

    def __init__(self, axes=None):
        self.axes = axes

    def forward(self, x):
        return x.transpose(self.axes)

    def backward(self, gy):
        """Put the axes back where they were: the inverse permutation of axes."""
        if self.axes is None:
            return transpose(gy)
        ndim = len(self.axes)
        inverse = tuple(np.argsort([axis % ndim for axis in self.axes]))
        return transpose(gy, inverse)


def transpose(x, axes=None):
    """x with its axes reordered (reversed when axes is None), remembered for backward."""
    return Transpose(axes)(x)


class Sum(Function):
    """y = the sum of x's elements: all of them (axis=None), or along the given axes."""

    def __init__(self, axis, keepdims):
        self.axis = axis
        self.keepdims = keepdims

    def forward(self, x):
        raise NotImplementedError("TODO(step 39): write Sum.forward(): remember x's shape for backward, then ndarray.sum")

    def backward(self, gy):
        """Every element of x counts once in its sum: its gradient is gy, copied back over x.

        gy first gets back the summed axes (as size 1) that keepdims=False dropped, so that it
        lines up with x; then it is spread over x's shape.
        """
        raise NotImplementedError('TODO(step 39): write Sum.backward(): utils.reshape_sum_backward, then spread with np.broadcast_to')


def sum(x, axis=None, keepdims=False):
    """The sum of x's elements (all, or along axis: an int or a tuple), for backward too.

    keepdims=True keeps the summed axes with size 1, as NumPy does.
    """
    raise NotImplementedError('TODO(step 39): write sum(): call a Sum function on x')
