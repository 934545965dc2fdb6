"""DeZero, step 4: numerical differentiation; functions remember their input and output."""

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
        output = Variable(y)
        self.input = input
        self.output = output
        return output

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
        return np.exp(x)


def numerical_diff(f, x, eps=1e-4):
    """The derivative of f at the Variable x, by central difference."""
    x0 = Variable(x.data - eps)
    x1 = Variable(x.data + eps)
    y0 = f(x0)
    y1 = f(x1)
    return (y1.data - y0.data) / (2 * eps)
