"""Convolution and pooling (step 57): im2col turns every window of an image into a row, so
that a convolution becomes one matrix product.

Shapes, as in the book: an image batch is (N, C, H, W); a convolution kernel W is
(OC, C, KH, KW); im2col's column tensor is (N, C, KH, KW, OH, OW), or, flattened into a
matrix, (N * OH * OW, C * KH * KW): one row per output pixel, one column per number a
window holds. Every function here picks NumPy or CuPy from its input
(cuda.get_array_module), so the same code runs on a GPU (step 52).
"""

import numpy as np

from dezero import cuda
from dezero.core import Function, as_variable
from dezero.functions import broadcast_to, linear
from dezero.functions import max as max_
from dezero.utils import get_conv_outsize, get_deconv_outsize, pair

# -- im2col and col2im on arrays ---------------------------------------------------------------


def _outsize(H, W, kernel_size, stride, pad):
    """(OH, OW) of a window sliding over an H x W image; a clear error when none fits."""
    (KH, KW), (SH, SW), (PH, PW) = pair(kernel_size), pair(stride), pair(pad)
    OH, OW = get_conv_outsize(H, KH, SH, PH), get_conv_outsize(W, KW, SW, PW)
    if OH < 1 or OW < 1:
        raise ValueError(f"a {KH}x{KW} window does not fit in a {H}x{W} image padded by "
                         f"{(PH, PW)}: the output would be {OH}x{OW}")
    return OH, OW


def _strided(start, stride, count):
    """The slice start, start + stride, ..., count positions in all."""
    return slice(start, start + stride * (count - 1) + 1, stride)


def im2col_array(img, kernel_size, stride, pad, to_matrix=True, fill=0):
    """Every KH x KW window of img, side by side: (N, C, KH, KW, OH, OW), or as a matrix.

    col[n, c, dy, dx, oy, ox] is the number at row dy, column dx of the window of output
    pixel (oy, ox). The image is padded with `fill` (0 for a convolution; max pooling pads
    with the lowest value, so that padding never wins).
    """
    N, C, H, W = img.shape
    (KH, KW), (SH, SW), (PH, PW) = pair(kernel_size), pair(stride), pair(pad)
    OH, OW = _outsize(H, W, kernel_size, stride, pad)
    xp = cuda.get_array_module(img)
    img = xp.pad(img, ((0, 0), (0, 0), (PH, PH), (PW, PW)), mode="constant",
                 constant_values=fill)
    col = xp.empty((N, C, KH, KW, OH, OW), dtype=img.dtype)
    # One copy per kernel position (KH * KW of them, not one per window): row dy of every
    # window is the image's rows dy, dy + SH, dy + 2 SH, ...
    for dy in range(KH):
        rows = _strided(dy, SH, OH)
        for dx in range(KW):
            col[:, :, dy, dx, :, :] = img[:, :, rows, _strided(dx, SW, OW)]
    if to_matrix:
        col = col.transpose(0, 4, 5, 1, 2, 3).reshape(N * OH * OW, -1)
    return col


def col2im_array(col, img_shape, kernel_size, stride, pad, to_matrix=True):
    """im2col_array backwards: each window's numbers are added back where they came from.

    Where windows overlap, a pixel receives the sum of its copies: that is exactly the
    gradient of im2col (each copy's gradient flows back to the one pixel).
    """
    N, C, H, W = img_shape
    (KH, KW), (SH, SW), (PH, PW) = pair(kernel_size), pair(stride), pair(pad)
    OH, OW = _outsize(H, W, kernel_size, stride, pad)
    if to_matrix:
        col = col.reshape(N, OH, OW, C, KH, KW).transpose(0, 3, 4, 5, 1, 2)
    xp = cuda.get_array_module(col)
    img = xp.zeros((N, C, H + 2 * PH, W + 2 * PW), dtype=col.dtype)
    for dy in range(KH):
        rows = _strided(dy, SH, OH)
        for dx in range(KW):
            img[:, :, rows, _strided(dx, SW, OW)] += col[:, :, dy, dx, :, :]
    return img[:, :, PH:PH + H, PW:PW + W]  # the padding's share is dropped


def _lowest(dtype):
    """The fill that never wins a maximum: -inf for floats, the smallest integer else."""
    return -np.inf if np.issubdtype(dtype, np.floating) else np.iinfo(dtype).min


# -- im2col and col2im as Functions ------------------------------------------------------------


class Im2col(Function):
    """y = im2col(x): the windows of x as columns; backward adds them back (col2im)."""

    def __init__(self, kernel_size, stride, pad, to_matrix, fill=0):
        self.kernel_size, self.stride, self.pad = kernel_size, stride, pad
        self.to_matrix, self.fill = to_matrix, fill

    def forward(self, x):
        self.input_shape = x.shape
        return im2col_array(x, self.kernel_size, self.stride, self.pad, self.to_matrix,
                            self.fill)

    def backward(self, gy):
        return col2im(gy, self.input_shape, self.kernel_size, self.stride, self.pad,
                      self.to_matrix)


def im2col(x, kernel_size, stride=1, pad=0, to_matrix=True):
    """The windows of x: (N * OH * OW, C * KH * KW) with to_matrix, else 6-d."""
    return Im2col(kernel_size, stride, pad, to_matrix)(x)


class Col2im(Function):
    """y = col2im(x): windows added back into an image; backward takes them out (im2col)."""

    def __init__(self, input_shape, kernel_size, stride, pad, to_matrix):
        self.input_shape, self.kernel_size = input_shape, kernel_size
        self.stride, self.pad, self.to_matrix = stride, pad, to_matrix

    def forward(self, x):
        return col2im_array(x, self.input_shape, self.kernel_size, self.stride, self.pad,
                            self.to_matrix)

    def backward(self, gy):
        return im2col(gy, self.kernel_size, self.stride, self.pad, self.to_matrix)


def col2im(x, input_shape, kernel_size, stride=1, pad=0, to_matrix=True):
    return Col2im(input_shape, kernel_size, stride, pad, to_matrix)(x)


# -- convolution -------------------------------------------------------------------------------


def conv2d_simple(x, W, b=None, stride=1, pad=0):
    """A convolution from parts that exist already: im2col, a reshaped kernel, linear.

    Backward comes for free (each part has one); conv2d below does the same in one Function.
    """
    x, W = as_variable(x), as_variable(W)
    N, _, H, Wx = x.shape
    OC, _, KH, KW = W.shape
    OH, OW = _outsize(H, Wx, (KH, KW), stride, pad)
    col = im2col(x, (KH, KW), stride, pad, to_matrix=True)  # (N*OH*OW, C*KH*KW)
    kernel = W.reshape(OC, -1).transpose()  # (C*KH*KW, OC): one column per output channel
    y = linear(col, kernel, b)  # (N*OH*OW, OC)
    return y.reshape(N, OH, OW, OC).transpose(0, 3, 1, 2)


class Conv2d(Function):
    """y = conv2d(x, W, b): im2col, then one tensordot over (C, KH, KW)."""

    def __init__(self, stride=1, pad=0):
        self.stride, self.pad = pair(stride), pair(pad)

    def forward(self, x, W, b):
        xp = cuda.get_array_module(x)
        KH, KW = W.shape[2:]
        col = im2col_array(x, (KH, KW), self.stride, self.pad, to_matrix=False)
        # (N, C, KH, KW, OH, OW) . (OC, C, KH, KW) -> (N, OH, OW, OC)
        y = xp.tensordot(col, W, ((1, 2, 3), (1, 2, 3)))
        if b is not None:
            y += b  # the channel axis is last here: b broadcasts as it is
        return xp.moveaxis(y, 3, 1)  # (N, OC, OH, OW)

    def backward(self, gy):
        """gx: the transposed convolution of gy; gW: gy against x's windows; gb: a sum."""
        x, W, b = self.inputs
        gx = deconv2d(gy, W, b=None, stride=self.stride, pad=self.pad, outsize=x.shape[2:])
        gW = Conv2DGradW(self)(x, gy)
        gb = None if b.data is None else gy.sum(axis=(0, 2, 3))
        return gx, gW, gb


def conv2d(x, W, b=None, stride=1, pad=0):
    """Cross-correlation of x (N, C, H, W) with W (OC, C, KH, KW): (N, OC, OH, OW)."""
    return Conv2d(stride, pad)(x, W, b)


class Deconv2d(Function):
    """The transposed convolution: each input pixel spreads a KH x KW patch of W.

    W is (C, OC, KH, KW), C being x's channels. It is conv2d's backward for x, and a layer
    of its own in decoders (outsize picks among the sizes a stride allows).
    """

    def __init__(self, stride=1, pad=0, outsize=None):
        self.stride, self.pad, self.outsize = pair(stride), pair(pad), outsize

    def forward(self, x, W, b):
        xp = cuda.get_array_module(x)
        (SH, SW), (PH, PW) = self.stride, self.pad
        _, OC, KH, KW = W.shape
        N, _, H, Wx = x.shape
        if self.outsize is None:
            OH, OW = get_deconv_outsize(H, KH, SH, PH), get_deconv_outsize(Wx, KW, SW, PW)
        else:
            OH, OW = pair(self.outsize)
        if _outsize(OH, OW, (KH, KW), self.stride, self.pad) != (H, Wx):
            raise ValueError(f"deconv2d: outsize {(OH, OW)} is not one whose convolution "
                             f"gives the input's {(H, Wx)}")
        # (C, OC, KH, KW) . (N, C, H, W) over C -> (OC, KH, KW, N, H, W) -> (N, OC, KH, KW, H, W)
        gcol = xp.moveaxis(xp.tensordot(W, x, (0, 1)), 3, 0)
        y = col2im_array(gcol, (N, OC, OH, OW), (KH, KW), self.stride, self.pad,
                         to_matrix=False)
        if b is not None:
            y += b.reshape(1, b.size, 1, 1)
        return y

    def backward(self, gy):
        x, W, b = self.inputs
        gx = conv2d(gy, W, b=None, stride=self.stride, pad=self.pad)
        gW = Conv2DGradW(self)(gy, x)
        gb = None if b.data is None else gy.sum(axis=(0, 2, 3))
        return gx, gW, gb


def deconv2d(x, W, b=None, stride=1, pad=0, outsize=None):
    return Deconv2d(stride, pad, outsize)(x, W, b)


class Conv2DGradW(Function):
    """gW = Conv2DGradW(conv)(x, gy): the kernel's gradient, as a Function of its own, so
    that it has a backward too (double backprop through a convolution)."""

    def __init__(self, conv):
        W = conv.inputs[1]
        self.kernel_size = W.shape[2:]
        self.stride, self.pad = conv.stride, conv.pad

    def forward(self, x, gy):
        xp = cuda.get_array_module(x)
        col = im2col_array(x, self.kernel_size, self.stride, self.pad, to_matrix=False)
        # (N, OC, OH, OW) . (N, C, KH, KW, OH, OW) over N, OH, OW -> (OC, C, KH, KW)
        return xp.tensordot(gy, col, ((0, 2, 3), (0, 4, 5)))

    def backward(self, ggW):
        """gW is linear in x and in gy: each gradient is a convolution with ggW.

        (The book's code uses its own output here where the incoming gradient belongs.)
        """
        x, gy = self.inputs
        gx = deconv2d(gy, ggW, stride=self.stride, pad=self.pad, outsize=x.shape[2:])
        ggy = conv2d(x, ggW, stride=self.stride, pad=self.pad)
        return gx, ggy


# -- pooling -----------------------------------------------------------------------------------


def pooling_simple(x, kernel_size, stride=1, pad=0):
    """Max pooling from parts: im2col, one window per row, the maximum of each row."""
    x = as_variable(x)
    N, C, H, W = x.shape
    KH, KW = pair(kernel_size)
    OH, OW = _outsize(H, W, kernel_size, stride, pad)
    col = Im2col(kernel_size, stride, pad, True, fill=_lowest(x.dtype))(x)
    col = col.reshape(-1, KH * KW)  # (N*OH*OW*C, KH*KW): a row per window and channel
    y = max_(col, axis=1)
    return y.reshape(N, OH, OW, C).transpose(0, 3, 1, 2)


class _PoolingIndexes(Function):
    """What max pooling's backward functions share: where each window's maximum was."""

    def __init__(self, pool):
        self.kernel_size, self.stride, self.pad = pool.kernel_size, pool.stride, pool.pad
        self.input_shape, self.dtype = pool.input_shape, pool.dtype
        self.indexes = pool.indexes  # (N, C, OH, OW): the winner's place in its window


class Pooling(Function):
    """y = pooling(x): the largest number of each window (max pooling)."""

    def __init__(self, kernel_size, stride=1, pad=0):
        self.kernel_size, self.stride, self.pad = kernel_size, stride, pad

    def forward(self, x):
        self.input_shape, self.dtype = x.shape, x.dtype
        col = im2col_array(x, self.kernel_size, self.stride, self.pad, to_matrix=False,
                           fill=_lowest(x.dtype))
        N, C, KH, KW, OH, OW = col.shape
        col = col.reshape(N, C, KH * KW, OH, OW)
        self.indexes = col.argmax(axis=2)  # kept: backward sends the gradient there alone
        return col.max(axis=2)

    def backward(self, gy):
        return Pooling2DGrad(self)(gy)


class Pooling2DGrad(_PoolingIndexes):
    """gx = Pooling2DGrad(pool)(gy): each gradient goes back to its window's maximum."""

    def forward(self, gy):
        xp = cuda.get_array_module(gy)
        N, C, OH, OW = gy.shape
        KH, KW = pair(self.kernel_size)
        gcol = xp.zeros((N, C, OH, OW, KH * KW), dtype=self.dtype)
        # the flat position of each winner: its window's start plus its place in the window
        flat = self.indexes.ravel() + xp.arange(self.indexes.size) * (KH * KW)
        gcol.reshape(-1)[flat] = gy.ravel()
        gcol = gcol.reshape(N, C, OH, OW, KH, KW).transpose(0, 1, 4, 5, 2, 3)
        return col2im_array(gcol, self.input_shape, self.kernel_size, self.stride, self.pad,
                            to_matrix=False)

    def backward(self, ggx):
        return Pooling2DWithIndexes(self)(ggx)


class Pooling2DWithIndexes(_PoolingIndexes):
    """Each window's number at the place the forward pass's maximum was (not a new max)."""

    def forward(self, x):
        xp = cuda.get_array_module(x)
        col = im2col_array(x, self.kernel_size, self.stride, self.pad, to_matrix=False)
        N, C, KH, KW, OH, OW = col.shape
        col = col.reshape(N, C, KH * KW, OH, OW)
        return xp.take_along_axis(col, self.indexes[:, :, None], axis=2)[:, :, 0]

    def backward(self, gy):
        return Pooling2DGrad(self)(gy)  # picking at the indexes is linear: its adjoint


def pooling(x, kernel_size, stride=1, pad=0):
    """Max pooling of x (N, C, H, W); padding never wins (it counts as -inf)."""
    return Pooling(kernel_size, stride, pad)(x)


class AveragePooling(Function):
    """y = average_pooling(x): the mean of each window (padding counts as zeros)."""

    def __init__(self, kernel_size, stride=1, pad=0):
        self.kernel_size, self.stride, self.pad = kernel_size, stride, pad

    def forward(self, x):
        self.input_shape = x.shape
        col = im2col_array(x, self.kernel_size, self.stride, self.pad, to_matrix=False)
        return col.mean(axis=(2, 3))

    def backward(self, gy):
        N, C, OH, OW = gy.shape
        KH, KW = pair(self.kernel_size)
        share = (gy / (KH * KW)).reshape(N, C, 1, 1, OH, OW)  # each of the window's numbers
        gcol = broadcast_to(share, (N, C, KH, KW, OH, OW))
        return col2im(gcol, self.input_shape, self.kernel_size, self.stride, self.pad,
                      to_matrix=False)


def average_pooling(x, kernel_size, stride=1, pad=0):
    return AveragePooling(kernel_size, stride, pad)(x)
