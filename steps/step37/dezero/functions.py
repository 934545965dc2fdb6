"""DeZero's functions beyond the operators: `import dezero.functions as F`, then F.exp(x).

The book fills this module from step 34 on (F.sin, F.cos, F.tanh, ...). The functions of the
first steps stay in dezero/core.py, where the tests of those steps find them; this module
offers them under F as well.
"""

import numpy as np  # noqa: F401  (the functions of steps 34 and 35 compute with it)

# Function is the base of the functions to come; exp and square are offered: F.exp(x)
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
