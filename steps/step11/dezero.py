"""DeZero, step 11: functions take a list of variables and return a list."""

import numpy as np


class Variable:
    """A box for an ndarray, with its gradient and the function that created it."""

    def __init__(self, data):
        if data is not None and not isinstance(data, np.ndarray):
            raise TypeError(f"Variable holds an np.ndarray, not {type(data).__name__}")
        self.data = data
        self.grad = None
        self.creator = None

    def set_creator(self, func):
        self.creator = func

    def backward(self):
        """Fill in the grad of every variable this one was computed from."""
        if self.grad is None:
            self.grad = np.ones_like(self.data)  # dy/dy = 1
        funcs = [self.creator] if self.creator is not None else []  # a leaf has no creator
        while funcs:
            f = funcs.pop()
            # TODO(step 11): a function now keeps lists: take its first input and first output
            x, y = f.input, f.output
            x.grad = f.backward(y.grad)
            if x.creator is not None:
                funcs.append(x.creator)


def as_array(x):
    """A scalar becomes a 0-d ndarray; anything else is left as it is.

    NumPy answers operations on 0-d arrays with NumPy scalars (np.float64, ...), which
    np.isscalar recognises, like Python's own numbers.
    """
    if np.isscalar(x):
        return np.array(x)
    return x


class Function:
    """The base of every function: unwraps the input, computes, wraps the result."""
    # TODO(step 11): a list of Variables in, a list out; keep both (self.inputs, self.outputs)

    def __call__(self, input):
        x = input.data
        y = self.forward(x)
        output = Variable(as_array(y))
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

    # TODO(step 11): forward() takes a list of one array, returns a tuple of one; use self.inputs
    def forward(self, x):
        return x ** 2

    def backward(self, gy):
        x = self.input.data
        return 2 * x * gy


class Exp(Function):
    """y = e ** x"""

    # TODO(step 11): as in Square: a list in, a tuple out, and self.inputs[0] in backward()
    def forward(self, x):
        return np.exp(x)

    def backward(self, gy):
        x = self.input.data
        return np.exp(x) * gy


class Add(Function):
    """y = x0 + x1"""

    def forward(self, xs):
        raise NotImplementedError('TODO(step 11): write Add.forward(): xs holds two arrays; return a tuple holding their sum')


def numerical_diff(f, x, eps=1e-4):
    """The derivative of f at the Variable x, by central difference."""
    x0 = Variable(as_array(x.data - eps))
    x1 = Variable(as_array(x.data + eps))
    y0 = f(x0)
    y1 = f(x1)
    return (y1.data - y0.data) / (2 * eps)


def square(x):
    # TODO(step 11): Square() takes a list and returns a list: wrap x, unwrap the result
    return Square()(x)


def exp(x):
    # TODO(step 11): as in square()
    return Exp()(x)
