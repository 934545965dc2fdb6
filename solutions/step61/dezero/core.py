"""The core of DeZero: Variable, Function, the functions, the operators.

From step 32 a gradient is a Variable, and backward is itself written with Variables, so
backward can record a graph of its own (create_graph=True): the way to higher derivatives.
"""

import contextlib
import weakref

import numpy as np

import dezero  # the shape methods call dezero.functions (imported by the time they run)
from dezero import cuda  # the array module of the data: NumPy's, or CuPy's on a GPU


class Config:
    """Switches that change how every function behaves."""

    enable_backprop = True  # record the graph for backward?
    train = True  # training (dropout drops), or testing (test_mode(): it does not)


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


def test_mode():
    """Run a `with` block as a test, not as training: Config.train is False inside it."""
    return using_config("train", False)


class Variable:
    """A box for an ndarray, with its gradient and the function that created it."""

    __array_priority__ = 200  # ndarray's is 0: NumPy leaves the operator to the Variable

    def __init__(self, data, name=None):
        if data is not None and not isinstance(data, cuda.array_types()):
            raise TypeError(f"Variable holds an ndarray (NumPy's, or CuPy's on a GPU), "
                            f"not {type(data).__name__}")
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

    def reshape(self, *shape):
        """x.reshape(2, 3) or x.reshape((2, 3)), as an ndarray allows; a recorded F.reshape."""
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = shape[0]
        return dezero.functions.reshape(self, shape)

    def transpose(self, *axes):
        """x.transpose() reverses the axes; x.transpose(1, 0, 2) or ((1, 0, 2)) orders them."""
        if len(axes) == 0:
            axes = None
        elif len(axes) == 1 and (axes[0] is None or isinstance(axes[0], (tuple, list))):
            axes = axes[0]
        return dezero.functions.transpose(self, axes)

    @property
    def T(self):
        """x.T: the axes reversed, as ndarray.T."""
        return dezero.functions.transpose(self)

    def sum(self, axis=None, keepdims=False):
        """x.sum(axis=None, keepdims=False), as ndarray.sum: a recorded F.sum."""
        return dezero.functions.sum(self, axis, keepdims)

    def set_creator(self, func):
        self.creator = func
        self.generation = func.generation + 1  # one step further from the inputs

    def cleargrad(self):
        self.grad = None

    def unchain(self):
        """Forget the function that made this Variable: backward stops here from now on.

        The data and grad stay. If nothing else refers to the creator, reference counting
        frees it at once, and with it whatever only it kept alive.
        """
        self.creator = None

    def unchain_backward(self):
        """Cut the graph behind this Variable: every Variable it was computed from forgets
        its creator, so the functions before them can be freed.

        This Variable keeps its own creator, whose inputs are now leaves (truncated
        backprop, step 59: the next backward stops there). A loop, not a recursion, as in
        backward: an RNN's graph can be thousands of functions deep.
        """
        if self.creator is None:
            return
        funcs = [self.creator]
        while funcs:
            f = funcs.pop()
            for x in f.inputs:
                if x.creator is not None:
                    funcs.append(x.creator)  # still to visit: its inputs come next
                    x.unchain()  # so a Variable reached twice is cut once

    def to_cpu(self):
        """Move the data to the CPU (a NumPy ndarray), in place."""
        if self.data is not None:
            self.data = cuda.as_numpy(self.data)

    def to_gpu(self):
        """Move the data to the GPU (a CuPy ndarray), in place; needs CuPy."""
        if self.data is not None:
            self.data = cuda.as_cupy(self.data)

    def backward(self, retain_grad=False, create_graph=False):
        """Fill in the grad of every variable this one was computed from.

        With retain_grad=False, only the leaves (variables no function created) keep their
        grads: the intermediate ones are dropped as soon as they have been used.
        The grads are Variables. With create_graph=True, computing them is recorded too, so
        x.grad has a creator and can be differentiated again (higher derivatives).
        """
        if self.grad is None:
            xp = cuda.get_array_module(self.data)
            self.grad = Variable(xp.ones_like(self.data))  # dy/dy = 1

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
            # Backward is made of functions too: recorded only when asked for, so by default
            # the grads have no creator, and hold no graph.
            with using_config("enable_backprop", create_graph):
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


class Parameter(Variable):
    """A Variable that a layer learns (a weight, a bias): the same box, told apart by type.

    Nothing else is new: a Layer recognises its parameters by isinstance(value, Parameter).
    """


def as_array(x, array_module=np):
    """A scalar becomes a 0-d ndarray of array_module (numpy, or cupy); anything else is
    left as it is.

    NumPy answers operations on 0-d arrays with NumPy scalars (np.float64, ...), which
    np.isscalar recognises, like Python's own numbers.
    """
    if np.isscalar(x):
        return array_module.array(x)
    return x


def as_variable(obj, like=None):
    """obj as a Variable: a Variable as it is; an ndarray, a NumPy scalar or a Python number
    in a new Variable.

    A Python number has no dtype of its own. Next to `like` (the Variable it meets in an
    operator) it takes the dtype NumPy would give it there, so float32 data times 2.0 stays
    float32, as it does in NumPy.
    """
    if isinstance(obj, Variable):
        return obj
    if like is None:
        return Variable(as_array(obj))
    xp = cuda.get_array_module(like.data)
    if isinstance(obj, (int, float, complex)):
        # (np.float64 is a float too; result_type still gives it its own weight, as NumPy)
        return Variable(xp.asarray(obj, dtype=np.result_type(like.dtype, obj)))
    return Variable(as_array(obj, xp))


class Function:
    """The base of every function: unwraps the inputs, computes, wraps the results."""

    def __call__(self, *inputs):
        inputs = [as_variable(x) for x in inputs]
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
                xp = cuda.get_array_module(self.inputs[0])
                grads.append(Variable(xp.zeros(shape, dtype)))
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
        x = self.inputs[0]  # the Variable: the product below is then a recorded Mul
        return 2 * x * gy


class Exp(Function):
    """y = e ** x"""

    def forward(self, x):
        xp = cuda.get_array_module(x)
        return xp.exp(x)

    def backward(self, gy):
        x = self.inputs[0]
        return exp(x) * gy  # dezero's exp, not np.exp: it can be recorded


class Add(Function):
    """y = x0 + x1"""

    def forward(self, x0, x1):
        self.x0_shape, self.x1_shape = x0.shape, x1.shape
        return x0 + x1

    def backward(self, gy):
        # gy has the output's shape; an input that was broadcast gets gy summed to its own.
        gx0, gx1 = gy, gy
        if self.x0_shape != self.x1_shape:
            gx0 = dezero.functions.sum_to(gx0, self.x0_shape)
            gx1 = dezero.functions.sum_to(gx1, self.x1_shape)
        return gx0, gx1


class Mul(Function):
    """y = x0 * x1"""

    def forward(self, x0, x1):
        return x0 * x1

    def backward(self, gy):
        """Each input's gradient is gy times the other input."""
        x0, x1 = self.inputs
        gx0, gx1 = gy * x1, gy * x0
        if x0.shape != x1.shape:
            gx0 = dezero.functions.sum_to(gx0, x0.shape)
            gx1 = dezero.functions.sum_to(gx1, x1.shape)
        return gx0, gx1


class Neg(Function):
    """y = -x"""

    def forward(self, x):
        return -x

    def backward(self, gy):
        return -gy


class Sub(Function):
    """y = x0 - x1"""

    def forward(self, x0, x1):
        self.x0_shape, self.x1_shape = x0.shape, x1.shape
        return x0 - x1

    def backward(self, gy):
        """y grows with x0 and shrinks with x1."""
        gx0, gx1 = gy, -gy
        if self.x0_shape != self.x1_shape:
            gx0 = dezero.functions.sum_to(gx0, self.x0_shape)
            gx1 = dezero.functions.sum_to(gx1, self.x1_shape)
        return gx0, gx1


class Div(Function):
    """y = x0 / x1"""

    def forward(self, x0, x1):
        return x0 / x1

    def backward(self, gy):
        """dy/dx0 = 1 / x1 and dy/dx1 = -x0 / x1 ** 2, each times gy."""
        x0, x1 = self.inputs
        gx0, gx1 = gy / x1, gy * (-x0 / x1 ** 2)
        if x0.shape != x1.shape:
            gx0 = dezero.functions.sum_to(gx0, x0.shape)
            gx1 = dezero.functions.sum_to(gx1, x1.shape)
        return gx0, gx1


class Pow(Function):
    """y = x ** c, for a constant exponent c (a number, not a Variable: no grad for it)."""

    def __init__(self, c):
        self.c = c

    def forward(self, x):
        return x ** self.c

    def backward(self, gy):
        """dy/dx = c * x ** (c - 1), times gy."""
        x = self.inputs[0]
        return self.c * x ** (self.c - 1) * gy


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
    x0 = as_variable(x0)
    x1 = as_variable(x1, like=x0)
    return Add()(x0, x1)


def mul(x0, x1):
    """x0 * x1, remembered for backward."""
    x0 = as_variable(x0)
    x1 = as_variable(x1, like=x0)
    return Mul()(x0, x1)


def neg(x):
    """-x, remembered for backward."""
    return Neg()(x)


def sub(x0, x1):
    """x0 - x1, remembered for backward."""
    x0 = as_variable(x0)
    x1 = as_variable(x1, like=x0)
    return Sub()(x0, x1)


def rsub(x0, x1):
    """x1 - x0: `2.0 - x` arrives as x.__rsub__(2.0), the Variable first."""
    x0 = as_variable(x0)
    x1 = as_variable(x1, like=x0)
    return Sub()(x1, x0)


def div(x0, x1):
    """x0 / x1, remembered for backward."""
    x0 = as_variable(x0)
    x1 = as_variable(x1, like=x0)
    return Div()(x0, x1)


def rdiv(x0, x1):
    """x1 / x0: `2.0 / x` arrives as x.__rtruediv__(2.0), the Variable first."""
    x0 = as_variable(x0)
    x1 = as_variable(x1, like=x0)
    return Div()(x1, x0)


def pow(x, c):
    """x ** c for a constant c, remembered for backward."""
    return Pow(c)(x)


def setup_variable():
    """Install the operators on Variable: `a * b` calls mul(a, b), `-a` neg(a), and so on.

    The package calls it once, when it is imported (dezero/__init__.py).
    """
    # Python reads `a * b` as a.__mul__(b) and `a + b` as a.__add__(b): a function installed
    # under that name on the class becomes the operator (a is passed as x0, b as x1).
    Variable.__mul__ = mul
    Variable.__add__ = add
    # `2.0 * x`: float.__mul__ cannot multiply by a Variable, so Python asks x.__rmul__(2.0).
    # Addition and multiplication commute: the same functions serve, with x passed as x0.
    Variable.__radd__ = add
    Variable.__rmul__ = mul
    # Subtraction and division do not commute: their reflected forms need functions of their own.
    Variable.__neg__ = neg
    Variable.__sub__ = sub
    Variable.__rsub__ = rsub
    Variable.__truediv__ = div
    Variable.__rtruediv__ = rdiv
    Variable.__pow__ = pow
    # x.matmul(W) and x.dot(W), as ndarray has them (the functions live in dezero.functions)
    Variable.matmul = dezero.functions.matmul
    Variable.dot = dezero.functions.matmul
    # x[1], x[:, 0], x[np.arange(N), t]: a recorded F.get_item, so the gradient flows back
    Variable.__getitem__ = dezero.functions.get_item
