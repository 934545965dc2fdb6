"""DeZero, step 3: a second function, Exp, and functions chained one after another."""

import numpy as np


class Variable:
    """A named box for data: `Variable(np.array(1.0)).data` is the array put in."""

    def __init__(self, data):
        self.data = data


class Function:
    """The base of every function: unwraps the input, computes, wraps the result."""

    def __call__(self, input):
        x = input.data
        y = self.forward(x)
        return Variable(y)

    def forward(self, x):
        """The computation itself, on ndarrays. Each concrete function defines it."""
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")


class Square(Function):
    """y = x ** 2"""

    def forward(self, x):
        return x ** 2


class Exp(Function):
    """y = e ** x"""

    def forward(self, x):
        raise NotImplementedError('TODO(step 03): write Exp.forward(): e to the power x, element by element (NumPy has it)')
