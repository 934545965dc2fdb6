"""DeZero, step 20: multiplication, and the operators * and +."""

import contextlib
import weakref

import numpy as np


class Config:
    """Switches that change how every function behaves."""

    enable_backprop = True  # record the graph for backward?


@contextlib.contextmanager
def using_config(name, value):
    """Set Config.<name> to value inside a `with` block, and put the old value back after."""
    old_value = getattr(Config, name)
    setattr(Config, name, value)
    try:
        yield
    finally:
        setattr(Config, name, old_value)  # even when the block raised


def no_grad():
    """Compute without recording the graph: for inference, where no backward follows."""
    return using_config("enable_backprop", False)


class Variable:
    """A box for an ndarray, with its gradient and the function that created it."""

    def __init__(self, data, name=None):
        if data is not None and not isinstance(data, np.ndarray):
            raise TypeError(f"Variable holds an np.ndarray, not {type(data).__name__}")
        self.data = data
        self.name = name  # a label for people, e.g. in the graph pictures of step 26
        self.grad = None
        self.creator = None
        self.generation = 0

    @property
    def shape(self):
        """The shape of the data: x.shape instead of x.data.shape."""
        return self.data.shape

    @property
    def ndim(self):
        """The number of dimensions of the data."""
        return self.data.ndim

    @property
    def size(self):
        """The number of elements of the data."""
        return self.data.size

    @property
    def dtype(self):
        """The type of the data's elements, e.g. float64."""
        return self.data.dtype

    def __len__(self):
        """len(x): the length of the data's first dimension, as len() of an ndarray."""
        return len(self.data)

    def __repr__(self):
        """variable([1 2 3]); a multi-line array keeps its lines aligned under the first."""
        if self.data is None:
            return "variable(None)"
        text = str(self.data).replace("\n", "\n" + " " * len("variable("))
        return f"variable({text})"

    def set_creator(self, func):
        self.creator = func
        self.generation = func.generation + 1  # one step further from the inputs

    def cleargrad(self):
        self.grad = None

    def backward(self, retain_grad=False):
        """Fill in the grad of every variable this one was computed from.

        With retain_grad=False, only the leaves (variables no function created) keep their
        grads: the intermediate ones are dropped as soon as they have been used.
        """
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

            if not retain_grad:
                for ref in f.outputs:
                    output = ref()
                    if output is not None:
                        output.grad = None  # used up: free its memory now


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

        if Config.enable_backprop:  # remember how the outputs were made, for backward
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
# BEGIN NEW


class Mul(Function):
    """y = x0 * x1"""

    def forward(self, x0, x1):
        # BEGIN SOLUTION
        return x0 * x1
        # END SOLUTION

    def backward(self, gy):
        """Each input's gradient is gy times the other input."""
        # BEGIN SOLUTION
        x0, x1 = self.inputs[0].data, self.inputs[1].data
        return gy * x1, gy * x0
        # END SOLUTION
# END NEW


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
# BEGIN NEW


def mul(x0, x1):
    """x0 * x1, remembered for backward."""
    # BEGIN SOLUTION
    return Mul()(x0, x1)
    # END SOLUTION


# Python reads `a * b` as a.__mul__(b) and `a + b` as a.__add__(b): a function installed
# under that name on the class becomes the operator (a is passed as x0, b as x1).
# BEGIN SOLUTION: make `a * b` call mul(a, b) and `a + b` call add(a, b)
Variable.__mul__ = mul
Variable.__add__ = add
# BEGIN SKELETON
# END SOLUTION
# END NEW
