"""DeZero, step 18: weak outputs (no reference cycles) and memory-saving modes."""

import contextlib
import weakref

import numpy as np


class Config:
    """Switches that change how every function behaves."""

    enable_backprop = True  # record the graph for backward?


@contextlib.contextmanager
def using_config(name, value):
    """Set Config.<name> to value inside a `with` block, and put the old value back after."""
    raise NotImplementedError('TODO(step 18): write using_config(): remember the old value, set the new one, yield, restore it in `finally`')


def no_grad():
    """Compute without recording the graph: for inference, where no backward follows."""
    raise NotImplementedError('TODO(step 18): write no_grad(): one line, with using_config')


class Variable:
    """A box for an ndarray, with its gradient and the function that created it."""

    def __init__(self, data):
        if data is not None and not isinstance(data, np.ndarray):
            raise TypeError(f"Variable holds an np.ndarray, not {type(data).__name__}")
        self.data = data
        self.grad = None
        self.creator = None
        self.generation = 0

    def set_creator(self, func):
        self.creator = func
        self.generation = func.generation + 1  # one step further from the inputs

    def cleargrad(self):
        self.grad = None

    # TODO(step 18): add the parameter retain_grad=False
    def backward(self):
        """Fill in the grad of every variable this one was computed from."""
        if self.grad is None:
            self.grad = np.ones_like(self.data)  # dy/dy = 1

        funcs = []
        seen = set()

        def add_func(f):
            # Each function once, and the latest generation first: a function runs only
            # after every function that uses its outputs has passed its gradient back.
            if f is not None and f not in seen:
                seen.add(f)
                funcs.append(f)
                funcs.sort(key=lambda func: func.generation)

        add_func(self.creator)
        while funcs:
            f = funcs.pop()
            gys = f.output_grads()
            gxs = f.backward(*gys)
            if not isinstance(gxs, tuple):
                gxs = (gxs,)
            for x, gx in zip(f.inputs, gxs):
                # A variable used twice receives a gradient from each use: add them up.
                x.grad = gx if x.grad is None else x.grad + gx
                add_func(x.creator)
            # TODO(step 18): unless retain_grad, set the grads of f's live outputs to None


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

    def __call__(self, *inputs):
        xs = [x.data for x in inputs]
        ys = self.forward(*xs)
        if not isinstance(ys, tuple):
            ys = (ys,)
        outputs = [Variable(as_array(y)) for y in ys]

        # TODO(step 18): record the graph only while Config.enable_backprop is True
        self.generation = max(x.generation for x in inputs)
        for output in outputs:
            output.set_creator(self)
        self.inputs = inputs
        # Hold the outputs weakly: output -> creator -> outputs -> output would
        # otherwise be a reference cycle, which reference counting never frees.
        self.outputs = [weakref.ref(output) for output in outputs]
        self.output_specs = [(output.data.shape, output.data.dtype) for output in outputs]
        return outputs if len(outputs) > 1 else outputs[0]

    def output_grads(self):
        """The outputs' gradients; an output that is gone, or got none, counts as zero."""
        grads = []
        for ref, (shape, dtype) in zip(self.outputs, self.output_specs):
            output = ref()
            if output is not None and output.grad is not None:
                grads.append(output.grad)
            else:
                grads.append(np.zeros(shape, dtype))
        return grads

    def forward(self, *xs):
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")

    def backward(self, *gys):
        raise NotImplementedError(f"{type(self).__name__} does not define backward()")


class Square(Function):
    """y = x ** 2"""

    def forward(self, x):
        return x ** 2

    def backward(self, gy):
        x = self.inputs[0].data
        return 2 * x * gy


class Exp(Function):
    """y = e ** x"""

    def forward(self, x):
        return np.exp(x)

    def backward(self, gy):
        x = self.inputs[0].data
        return np.exp(x) * gy


class Add(Function):
    """y = x0 + x1"""

    def forward(self, x0, x1):
        return x0 + x1

    def backward(self, gy):
        return gy, gy


def numerical_diff(f, x, eps=1e-4):
    """The derivative of f at the Variable x, by central difference."""
    x0 = Variable(as_array(x.data - eps))
    x1 = Variable(as_array(x.data + eps))
    y0 = f(x0)
    y1 = f(x1)
    return (y1.data - y0.data) / (2 * eps)


def square(x):
    return Square()(x)


def exp(x):
    return Exp()(x)


def add(x0, x1):
    return Add()(x0, x1)
