"""DeZero's functions beyond the operators: `import dezero.functions as F`, then F.exp(x).

The book fills this module from step 34 on (F.sin, F.cos, F.tanh, ...). The functions of the
first steps stay in dezero/core.py, where the tests of those steps find them; this module
offers them under F as well.
"""

import numpy as np  # noqa: F401  (the functions of steps 34 and 35 compute with it)

from dezero import utils  # the shape helpers of the tensor functions
from dezero import cuda  # xp = cuda.get_array_module(x): NumPy's functions, or CuPy's

# Function is the base of the functions to come; exp and square are offered: F.exp(x)
from dezero.core import Function, as_variable, exp, square  # noqa: F401
from dezero.core import Config  # dropout drops only while Config.train


class Sin(Function):
    """y = sin(x)"""

    def forward(self, x):
        xp = cuda.get_array_module(x)
        return xp.sin(x)

    def backward(self, gy):
        """dy/dx = cos(x), written with dezero's cos so that it can be recorded too."""
        x = self.inputs[0]
        return gy * cos(x)


class Cos(Function):
    """y = cos(x)"""

    def forward(self, x):
        xp = cuda.get_array_module(x)
        return xp.cos(x)

    def backward(self, gy):
        """dy/dx = -sin(x): with Sin's backward, derivatives go round sin, cos, -sin, -cos."""
        x = self.inputs[0]
        return gy * -sin(x)


def sin(x):
    """sin(x), remembered for backward."""
    return Sin()(x)


def cos(x):
    """cos(x), remembered for backward."""
    return Cos()(x)


class Tanh(Function):
    """y = tanh(x)"""

    def forward(self, x):
        xp = cuda.get_array_module(x)
        return xp.tanh(x)

    def backward(self, gy):
        """dy/dx = 1 - y ** 2, from the output y itself: no need to compute tanh again."""
        # The output is alive here: backward reached this function through it.
        y = self.outputs[0]()
        return gy * (1 - y * y)


def tanh(x):
    """tanh(x), remembered for backward."""
    return Tanh()(x)


class Reshape(Function):
    """y = x with its elements in a new shape (the same elements, in the same order)."""

    def __init__(self, shape):
        self.shape = shape

    def forward(self, x):
        self.x_shape = x.shape
        return x.reshape(self.shape)

    def backward(self, gy):
        """Reshaping moves no element: the gradient only goes back to x's shape."""
        return reshape(gy, self.x_shape)


def reshape(x, shape):
    """x in the given shape, remembered for backward; x itself if it has that shape already."""
    if x.shape == shape:
        return as_variable(x)
    return Reshape(shape)(x)


class Transpose(Function):
    """y = x with its axes reordered: reversed for axes=None, as np.transpose."""

    def __init__(self, axes=None):
        self.axes = axes

    def forward(self, x):
        return x.transpose(self.axes)

    def backward(self, gy):
        """Put the axes back where they were: the inverse permutation of axes."""
        if self.axes is None:
            return transpose(gy)
        ndim = len(self.axes)
        inverse = tuple(np.argsort([axis % ndim for axis in self.axes]))
        return transpose(gy, inverse)


def transpose(x, axes=None):
    """x with its axes reordered (reversed when axes is None), remembered for backward."""
    return Transpose(axes)(x)


class Sum(Function):
    """y = the sum of x's elements: all of them (axis=None), or along the given axes."""

    def __init__(self, axis, keepdims):
        self.axis = axis
        self.keepdims = keepdims

    def forward(self, x):
        self.x_shape = x.shape
        return x.sum(axis=self.axis, keepdims=self.keepdims)

    def backward(self, gy):
        """Every element of x counts once in its sum: its gradient is gy, copied back over x.

        gy first gets back the summed axes (as size 1) that keepdims=False dropped, so that it
        lines up with x; then it is spread over x's shape.
        """
        gy = utils.reshape_sum_backward(gy, self.x_shape, self.axis, self.keepdims)
        return broadcast_to(gy, self.x_shape)


def sum(x, axis=None, keepdims=False):
    """The sum of x's elements (all, or along axis: an int or a tuple), for backward too.

    keepdims=True keeps the summed axes with size 1, as NumPy does.
    """
    return Sum(axis, keepdims)(x)


class Max(Function):
    """y = max(x, axis, keepdims): the largest element along the axes."""

    def __init__(self, axis=None, keepdims=False):
        self.axis, self.keepdims = axis, keepdims

    def forward(self, x):
        return x.max(axis=self.axis, keepdims=self.keepdims)

    def _peak(self, data):
        """The maximum with the reduced axes kept (as 1s): it broadcasts against x."""
        return data.max(axis=self.axis, keepdims=True)

    def backward(self, gy):
        """The gradient goes to the elements that equal the maximum (to each, where they
        tie); gy is given back the reduced axes first, so that it broadcasts against x."""
        x = self.inputs[0]
        peak = self._peak(x.data)
        winners = x.data == peak
        return broadcast_to(reshape(gy, peak.shape), x.shape) * winners


class Min(Max):
    """y = min(x, axis, keepdims): Max's backward serves, with the minimum as the peak."""

    def forward(self, x):
        return x.min(axis=self.axis, keepdims=self.keepdims)

    def _peak(self, data):
        return data.min(axis=self.axis, keepdims=True)


def max(x, axis=None, keepdims=False):  # noqa: A001  (the book's name, as F.max)
    return Max(axis, keepdims)(x)


def min(x, axis=None, keepdims=False):  # noqa: A001  (the book's name, as F.min)
    return Min(axis, keepdims)(x)


class BroadcastTo(Function):
    """y = x repeated along new or size-1 axes to fill the given shape, as np.broadcast_to."""

    def __init__(self, shape):
        self.shape = shape

    def forward(self, x):
        self.x_shape = x.shape
        xp = cuda.get_array_module(x)
        return xp.broadcast_to(x, self.shape)

    def backward(self, gy):
        """Each element of x appears in y many times: its gradient is the sum of theirs."""
        return sum_to(gy, self.x_shape)


def broadcast_to(x, shape):
    """x spread to the given shape, remembered for backward; x itself if it has that shape."""
    if x.shape == shape:
        return as_variable(x)
    return BroadcastTo(shape)(x)


class SumTo(Function):
    """y = x summed down to the given shape: the reverse of broadcasting x to x's shape."""

    def __init__(self, shape):
        self.shape = shape

    def forward(self, x):
        self.x_shape = x.shape
        return utils.sum_to(x, self.shape)

    def backward(self, gy):
        """Every element of x went into one element of y: gy spread back over x's shape."""
        return broadcast_to(gy, self.x_shape)


def sum_to(x, shape):
    """x summed to the given shape, remembered for backward; x itself if it has that shape."""
    if x.shape == shape:
        return as_variable(x)
    return SumTo(shape)(x)


class MatMul(Function):
    """y = x W, the matrix product: x of shape (N, D) and W of shape (D, H) give (N, H)."""

    def forward(self, x, W):
        return x.dot(W)

    def backward(self, gy):
        """gx = gy W^T and gW = x^T gy: the only products whose shapes are x's and W's."""
        x, W = self.inputs
        gx = matmul(gy, W.T)
        gW = matmul(x.T, gy)
        return gx, gW


def matmul(x, W):
    """The matrix product x W, remembered for backward."""
    return MatMul()(x, W)


class MeanSquaredError(Function):
    """y = the mean over the N rows of the squared differences: sum((x0 - x1) ** 2) / N.

    One function instead of four (sub, pow, sum, div): the graph keeps no intermediate
    arrays, only the two inputs.
    """

    def forward(self, x0, x1):
        diff = x0 - x1
        return (diff ** 2).sum() / len(diff)

    def backward(self, gy):
        """dy/dx0 = 2 (x0 - x1) / N, and dy/dx1 is its negative; gy is a 0-d Variable."""
        x0, x1 = self.inputs
        diff = x0 - x1
        gy = broadcast_to(gy, diff.shape)
        gx0 = gy * diff * (2.0 / len(diff))
        gx1 = -gx0
        return gx0, gx1


def mean_squared_error(x0, x1):
    """The mean squared error of x0 against x1 (same shapes; the mean is over the rows)."""
    return MeanSquaredError()(x0, x1)


def linear_simple(x, W, b=None):
    """x W + b from two recorded functions (matmul, then add); b=None leaves out the bias."""
    t = matmul(x, W)
    if b is None:
        return t
    y = t + b
    # Add's backward needs only the shapes (kept by Add.forward), MatMul's only x and W:
    # the product itself can go now, which halves what the graph keeps.
    t.data = None
    return y


class Linear(Function):
    """y = x W + b in one function: the graph holds no intermediate product at all."""

    def forward(self, x, W, b):
        y = x.dot(W)
        if b is not None:
            y = y + b
        return y

    def backward(self, gy):
        """As MatMul's, and the bias gets gy summed to its own shape (it was broadcast)."""
        x, W, b = self.inputs
        gb = None if b.data is None else sum_to(gy, b.shape)
        gx = matmul(gy, W.T)
        gW = matmul(x.T, gy)
        return gx, gW, gb


def linear(x, W, b=None):
    """x W + b (b=None: no bias), remembered for backward as one function."""
    return Linear()(x, W, b)


def sigmoid_simple(x):
    """1 / (1 + exp(-x)) from the recorded operators: a graph of four functions."""
    x = as_variable(x)
    return 1 / (1 + exp(-x))


class Sigmoid(Function):
    """y = 1 / (1 + exp(-x)), in one function."""

    def forward(self, x):
        xp = cuda.get_array_module(x)
        return xp.tanh(x * 0.5) * 0.5 + 0.5

    def backward(self, gy):
        """dy/dx = y (1 - y), from the output y (alive: backward came here through it)."""
        y = self.outputs[0]()
        return gy * y * (1 - y)


def sigmoid(x):
    """The sigmoid of x, remembered for backward as one function."""
    return Sigmoid()(x)


class ReLU(Function):
    """y = max(x, 0): x where it is positive, 0 elsewhere."""

    def forward(self, x):
        xp = cuda.get_array_module(x)
        return xp.maximum(x, 0.0)

    def backward(self, gy):
        """dy/dx is 1 where x > 0 and 0 elsewhere: gy passes where x was positive."""
        (x,) = self.inputs
        mask = x.data > 0
        return gy * mask


def relu(x):
    """The rectified linear unit of x: max(x, 0)."""
    return ReLU()(x)


class GetItem(Function):
    """y = x[slices]: any index NumPy takes (an int, slices, arrays of indices, a tuple)."""

    def __init__(self, slices):
        self.slices = slices

    def forward(self, x):
        return x[self.slices]

    def backward(self, gy):
        """gy goes back to where its elements were taken from: a GetItemGrad."""
        x = self.inputs[0]
        return GetItemGrad(self.slices, x.shape)(gy)


class GetItemGrad(Function):
    """The gradient of x[slices]: zeros of x's shape, with gy added where x[slices] came from.

    A Function of its own, so that its backward (get_item again) can be recorded too.
    """

    def __init__(self, slices, in_shape):
        self.slices = slices
        self.in_shape = in_shape

    def forward(self, gy):
        xp = cuda.get_array_module(gy)
        gx = xp.zeros(self.in_shape, dtype=gy.dtype)
        # add.at, not gx[slices] += gy: an element taken twice (x[[0, 0]]) gets both
        xp.add.at(gx, self.slices, gy)
        return gx

    def backward(self, ggx):
        return get_item(ggx, self.slices)


def get_item(x, slices):
    """x[slices], remembered for backward (x[...] on a Variable calls it)."""
    return GetItem(slices)(x)


def softmax_simple(x, axis=1):
    """exp(x) / the sum of exp(x) along axis, from functions we have: exp overflows for
    large x (exp(1000) is inf), so F.softmax is written another way."""
    x = as_variable(x)
    y = exp(x)
    sum_y = sum(y, axis=axis, keepdims=True)
    return y / sum_y


class Softmax(Function):
    """y = exp(x) / sum(exp(x)) along axis, computed as exp(x - max): it cannot overflow."""

    def __init__(self, axis=1):
        self.axis = axis

    def forward(self, x):
        xp = cuda.get_array_module(x)
        y = xp.exp(x - x.max(axis=self.axis, keepdims=True))
        return y / y.sum(axis=self.axis, keepdims=True)

    def backward(self, gy):
        """gx = y * gy - y * sum(y * gy) along axis: from y itself, no exp again."""
        y = self.outputs[0]()  # alive: backward reached this function through it
        gx = y * gy
        return gx - y * gx.sum(axis=self.axis, keepdims=True)


def softmax(x, axis=1):
    """softmax along axis (each row, by default, for x of shape (N, classes))."""
    return Softmax(axis)(x)


class Clip(Function):
    """y = x limited to [x_min, x_max]."""

    def __init__(self, x_min, x_max):
        self.x_min = x_min
        self.x_max = x_max

    def forward(self, x):
        xp = cuda.get_array_module(x)
        return xp.clip(x, self.x_min, self.x_max)

    def backward(self, gy):
        """1 where x was inside the range, 0 where it was clipped (y did not move with x)."""
        x = self.inputs[0]
        mask = (x.data >= self.x_min) & (x.data <= self.x_max)
        return gy * mask.astype(x.dtype)


def clip(x, x_min, x_max):
    """x limited to [x_min, x_max], remembered for backward."""
    return Clip(x_min, x_max)(x)


class Log(Function):
    """y = log(x), the natural logarithm."""

    def forward(self, x):
        xp = cuda.get_array_module(x)
        return xp.log(x)

    def backward(self, gy):
        """dy/dx = 1 / x."""
        x = self.inputs[0]
        return gy / x


def log(x):
    """log(x), remembered for backward."""
    return Log()(x)


def softmax_cross_entropy_simple(x, t):
    """The mean over the batch of -log(p[i, t[i]]), p = softmax(x): x of shape (N, classes)
    holds scores, t of shape (N,) the right class of each row. Written with functions we
    have; p is clipped to at least 1e-15 first, since log(0) is -inf."""
    x, t = as_variable(x), as_variable(t)
    N = x.shape[0]
    p = softmax(x)
    p = clip(p, 1e-15, 1.0)
    log_p = log(p)
    xp = cuda.get_array_module(x)
    tlog_p = log_p[xp.arange(N), t.data]
    return -1 * sum(tlog_p) / N


class SoftmaxCrossEntropy(Function):
    """The same loss as one function: log(softmax(x)) = x - logsumexp(x), exactly, with no
    exp that can overflow and no log of 0: no clip needed, and the loss stays right for
    scores far apart."""

    def forward(self, x, t):
        N = x.shape[0]
        log_p = x - utils.logsumexp(x, axis=1)
        xp = cuda.get_array_module(x)
        log_p = log_p[xp.arange(N), t.ravel()]
        return -log_p.sum() / N  # N a Python int: float32 stays float32

    def backward(self, gy):
        """(softmax(x) - onehot(t)) * gy / N; t gets no gradient (labels are not learnt)."""
        x, t = self.inputs
        N, class_count = x.shape
        y = softmax(x)
        xp = cuda.get_array_module(x)
        t_onehot = xp.eye(class_count, dtype=x.dtype)[t.data]  # x's dtype: float32 stays
        return (y - t_onehot) * (gy / N)


def softmax_cross_entropy(x, t):
    """The loss of scores x (N, classes) for labels t (N,): mean of -log softmax(x)[i, t[i]]."""
    return SoftmaxCrossEntropy()(x, t)


def accuracy(y, t):
    """The share of rows of the scores y (N, classes) whose highest score is the label t.

    A measure, not a loss: it is computed on the data alone, records no graph and has no
    gradient. The result is a Variable holding a 0-d float64 array, as the book's.
    """
    y, t = as_variable(y), as_variable(t)
    predicted = y.data.argmax(axis=1).reshape(t.shape)
    hits = predicted == t.data
    xp = cuda.get_array_module(y)
    return as_variable(xp.asarray(hits.mean()))


def dropout(x, dropout_ratio=0.5):
    """While training, each element of x is dropped (set to 0) with probability
    dropout_ratio, and the others are divided by 1 - dropout_ratio ("inverted" dropout): the
    mean stays what it was, so testing needs no scaling. In test mode, x as it is.
    """
    x = as_variable(x)
    if not Config.train:
        return x
    xp = cuda.get_array_module(x)
    mask = xp.random.rand(*x.shape) > dropout_ratio  # each kept with 1 - dropout_ratio
    scale = xp.asarray(1.0 - dropout_ratio, dtype=x.dtype)  # float32 x stays float32
    return x * mask / scale
# Last, because functions_conv imports from this module: F.conv2d, F.pooling, ... as the
# book's scripts call them.
from dezero.functions_conv import (  # noqa: E402, F401  (offered: F.conv2d, F.pooling, ...)
    average_pooling,
    col2im,
    conv2d,
    conv2d_simple,
    deconv2d,
    im2col,
    pooling,
    pooling_simple,
)
