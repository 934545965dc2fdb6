"""DeZero, step 7: variables remember their creator, and backward() runs by itself."""

import numpy as np


class Variable:
    """A named box for data: `Variable(np.array(1.0)).data` is the array put in."""
    # TODO(step 07): a variable also remembers the function that created it: self.creator = None

    def __init__(self, data):
        self.data = data
        self.grad = None

    def set_creator(self, func):
        raise NotImplementedError('TODO(step 07): write Variable.set_creator()')

    def backward(self):
        """Fill in the grad of every variable this one was computed from."""
        raise NotImplementedError("TODO(step 07): write Variable.backward(): the creator turns self.grad into its input's grad, then the input goes on")


class Function:
    """The base of every function: unwraps the input, computes, wraps the result."""

    def __call__(self, input):
        x = input.data
        y = self.forward(x)
        output = Variable(y)
        # TODO(step 07): tell the output who made it (set_creator)
        self.input = input
        self.output = output
        return output

    def forward(self, x):
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")

    def backward(self, gy):
        raise NotImplementedError(f"{type(self).__name__} does not define backward()")


class Square(Function):
    """y = x ** 2"""

    def forward(self, x):
        return x ** 2

    def backward(self, gy):
        x = self.input.data
        return 2 * x * gy


class Exp(Function):
    """y = e ** x"""

    def forward(self, x):
        return np.exp(x)

    def backward(self, gy):
        x = self.input.data
        return np.exp(x) * gy


def numerical_diff(f, x, eps=1e-4):
    """The derivative of f at the Variable x, by central difference."""
    x0 = Variable(x.data - eps)
    x1 = Variable(x.data + eps)
    y0 = f(x0)
    y1 = f(x1)
    return (y1.data - y0.data) / (2 * eps)
