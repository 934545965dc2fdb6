"""DeZero, step 9: friendlier functions, ndarray-only variables, automatic backprop."""

import numpy as np


class Variable:
    """A box for an ndarray, with its gradient and the function that created it."""

    def __init__(self, data):
        # TODO(step 09): accept only an np.ndarray (or None); raise TypeError for anything else
        self.data = data
        self.grad = None
        self.creator = None

    def set_creator(self, func):
        self.creator = func

    def backward(self):
        """Fill in the grad of every variable this one was computed from."""
        # TODO(step 09): when nobody set self.grad, start from ones shaped like the data
        funcs = [self.creator] if self.creator is not None else []  # a leaf has no creator
        while funcs:
            f = funcs.pop()
            x, y = f.input, f.output
            x.grad = f.backward(y.grad)
            if x.creator is not None:
                funcs.append(x.creator)


def as_array(x):
    """A scalar becomes a 0-d ndarray; anything else is left as it is.

    NumPy answers operations on 0-d arrays with NumPy scalars (np.float64, ...), which
    np.isscalar recognises, like Python's own numbers.
    """
    raise NotImplementedError('TODO(step 09): write as_array(): np.isscalar tells a scalar; np.array(x) makes the 0-d array')


class Function:
    """The base of every function: unwraps the input, computes, wraps the result."""

    def __call__(self, input):
        x = input.data
        y = self.forward(x)
        # TODO(step 09): forward may return a NumPy scalar: make it an ndarray (as_array)
        output = Variable(y)
        output.set_creator(self)
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
    # TODO(step 09): for a 0-d x, x.data ± eps is a NumPy scalar, which Variable now refuses
    x0 = Variable(x.data - eps)
    x1 = Variable(x.data + eps)
    y0 = f(x0)
    y1 = f(x1)
    return (y1.data - y0.data) / (2 * eps)


def square(x):
    raise NotImplementedError('TODO(step 09): write square(): a new Square applied to x')


def exp(x):
    raise NotImplementedError('TODO(step 09): write exp(): a new Exp applied to x')
