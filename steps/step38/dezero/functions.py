"""DeZero's functions beyond the operators: `import dezero.functions as F`, then F.exp(x).

The book fills this module from step 34 on (F.sin, F.cos, F.tanh, ...). The functions of the
first steps stay in dezero/core.py, where the tests of those steps find them; this module
offers them under F as well.
"""

import numpy as np  # noqa: F401  (the functions of steps 34 and 35 compute with it)

# Function is the base of the functions to come; exp and square are offered: F.exp(x)
# TODO(step 38): as_variable too: reshape of a Variable already in shape returns it
from dezero.core import Function, exp, square  # noqa: F401


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
        raise NotImplementedError("TODO(step 38): write Reshape.forward(): remember x's shape for backward, then reshape the ndarray")

    def backward(self, gy):
        """Reshaping moves no element: the gradient only goes back to x's shape."""
        raise NotImplementedError('TODO(step 38): write Reshape.backward(): reshape gy (a Variable) back to the remembered shape')


def reshape(x, shape):
    """x in the given shape, remembered for backward; x itself if it has that shape already."""
    raise NotImplementedError('TODO(step 38): write reshape(): x as a Variable if the shape is already right, else a Reshape')


class Transpose(Function):
    """y = x with its axes reordered: reversed for axes=None, as np.transpose."""

    def __init__(self, axes=None):
        self.axes = axes

    def forward(self, x):
        raise NotImplementedError("TODO(step 38): write Transpose.forward(): NumPy's transpose with the axes")

    def backward(self, gy):
        """Put the axes back where they were: the inverse permutation of axes."""
        raise NotImplementedError('TODO(step 38): write Transpose.backward(): reversing twice undoes None; else argsort gives the inverse')


def transpose(x, axes=None):
    """x with its axes reordered (reversed when axes is None), remembered for backward."""
    raise NotImplementedError('TODO(step 38): write transpose(): call a Transpose function on x')
