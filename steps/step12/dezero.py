"""DeZero, step 12: f(x0, x1, ...) takes any number of variables; one result comes back alone."""

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
            x, y = f.inputs[0], f.outputs[0]  # one input and one output, until step 13
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
    """The base of every function: unwraps the inputs, computes, wraps the results."""

    # TODO(step 12): f(x0, x1, ...) and forward(*xs); a bare result is one output, returned alone
    def __call__(self, inputs):
        xs = [x.data for x in inputs]
        ys = self.forward(xs)
        outputs = [Variable(as_array(y)) for y in ys]

        for output in outputs:
            output.set_creator(self)
        self.inputs = inputs
        self.outputs = outputs
        return outputs

    def forward(self, xs):
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")

    def backward(self, gy):
        raise NotImplementedError(f"{type(self).__name__} does not define backward()")


class Square(Function):
    """y = x ** 2"""

    # TODO(step 12): forward() gets the array itself now, and may return it bare
    def forward(self, xs):
        (x,) = xs
        return (x ** 2,)

    def backward(self, gy):
        x = self.inputs[0].data
        return 2 * x * gy


class Exp(Function):
    """y = e ** x"""

    # TODO(step 12): as in Square
    def forward(self, xs):
        (x,) = xs
        return (np.exp(x),)

    def backward(self, gy):
        x = self.inputs[0].data
        return np.exp(x) * gy


class Add(Function):
    """y = x0 + x1"""

    # TODO(step 12): the two arrays arrive as two arguments; return their sum bare
    def forward(self, xs):
        x0, x1 = xs
        return (x0 + x1,)


def numerical_diff(f, x, eps=1e-4):
    """The derivative of f at the Variable x, by central difference."""
    x0 = Variable(as_array(x.data - eps))
    x1 = Variable(as_array(x.data + eps))
    y0 = f(x0)
    y1 = f(x1)
    return (y1.data - y0.data) / (2 * eps)


def square(x):
    # TODO(step 12): Square() takes and returns one Variable again
    return Square()([x])[0]


def exp(x):
    # TODO(step 12): as in square()
    return Exp()([x])[0]


def add(x0, x1):
    raise NotImplementedError('TODO(step 12): write add(): call an Add function on the two Variables')
