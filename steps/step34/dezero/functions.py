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
        raise NotImplementedError("TODO(step 34): write Sin.forward(): NumPy's sine of the ndarray")

    def backward(self, gy):
        """dy/dx = cos(x), written with dezero's cos so that it can be recorded too."""
        raise NotImplementedError('TODO(step 34): write Sin.backward(): gy times cos of the input Variable')


class Cos(Function):
    """y = cos(x)"""

    def forward(self, x):
        raise NotImplementedError("TODO(step 34): write Cos.forward(): NumPy's cosine of the ndarray")

    def backward(self, gy):
        """dy/dx = -sin(x): with Sin's backward, derivatives go round sin, cos, -sin, -cos."""
        raise NotImplementedError('TODO(step 34): write Cos.backward(): gy times minus sin of the input Variable')


def sin(x):
    """sin(x), remembered for backward."""
    raise NotImplementedError('TODO(step 34): write sin(): call a Sin function on x')


def cos(x):
    """cos(x), remembered for backward."""
    raise NotImplementedError('TODO(step 34): write cos(): call a Cos function on x')
