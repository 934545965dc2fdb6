"""DeZero, step 6: each function knows its derivative; backpropagation by hand."""

import numpy as np


class Variable:
    """A named box for data: `Variable(np.array(1.0)).data` is the array put in."""

    def __init__(self, data):
        self.data = data
        # BEGIN SOLUTION: give the box a grad too, None until backpropagation fills it in
        self.grad = None
        # BEGIN SKELETON
        # END SOLUTION


class Function:
    """The base of every function: unwraps the input, computes, wraps the result."""

    def __call__(self, input):
        x = input.data
        y = self.forward(x)
        output = Variable(y)
        self.input = input
        self.output = output
        return output

    # BEGIN SOLUTION: add backward(self, gy), which like forward raises NotImplementedError here
    def forward(self, x):
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")

    def backward(self, gy):
        raise NotImplementedError(f"{type(self).__name__} does not define backward()")
    # BEGIN SKELETON
    # def forward(self, x):
    #     """The computation itself, on ndarrays. Each concrete function defines it."""
    #     raise NotImplementedError(f"{type(self).__name__} does not define forward()")
    # END SOLUTION


class Square(Function):
    """y = x ** 2"""

    def forward(self, x):
        return x ** 2
    # BEGIN NEW

    def backward(self, gy):
        # BEGIN SOLUTION: gy times the local derivative 2x, at the input kept in self.input
        x = self.input.data
        return 2 * x * gy
        # END SOLUTION
    # END NEW


class Exp(Function):
    """y = e ** x"""

    def forward(self, x):
        return np.exp(x)
    # BEGIN NEW

    def backward(self, gy):
        # BEGIN SOLUTION: gy times the local derivative e ** x
        x = self.input.data
        return np.exp(x) * gy
        # END SOLUTION
    # END NEW


def numerical_diff(f, x, eps=1e-4):
    """The derivative of f at the Variable x, by central difference."""
    x0 = Variable(x.data - eps)
    x1 = Variable(x.data + eps)
    y0 = f(x0)
    y1 = f(x1)
    return (y1.data - y0.data) / (2 * eps)
