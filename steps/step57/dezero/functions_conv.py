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
    raise NotImplementedError("TODO(step 57): write im2col_array(): pad with fill; copy the image's strided rows/columns per (dy, dx)")


def col2im_array(col, img_shape, kernel_size, stride, pad, to_matrix=True):
    """im2col_array backwards: each window's numbers are added back where they came from.

    Where windows overlap, a pixel receives the sum of its copies: that is exactly the
    gradient of im2col (each copy's gradient flows back to the one pixel).
    """
    raise NotImplementedError('TODO(step 57): write col2im_array(): zeros of the padded shape; add each (dy, dx) slice back; crop')


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
        raise NotImplementedError("TODO(step 57): write Im2col.forward(): remember x's shape (backward needs it), then im2col_array")

    def backward(self, gy):
        raise NotImplementedError("TODO(step 57): write Im2col.backward(): col2im of gy, back to the input's shape")


def im2col(x, kernel_size, stride=1, pad=0, to_matrix=True):
    """The windows of x: (N * OH * OW, C * KH * KW) with to_matrix, else 6-d."""
    return Im2col(kernel_size, stride, pad, to_matrix)(x)


class Col2im(Function):
    """y = col2im(x): windows added back into an image; backward takes them out (im2col)."""

    def __init__(self, input_shape, kernel_size, stride, pad, to_matrix):
        self.input_shape, self.kernel_size = input_shape, kernel_size
        self.stride, self.pad, self.to_matrix = stride, pad, to_matrix

    def forward(self, x):
        raise NotImplementedError('TODO(step 57): write Col2im.forward(): col2im_array back to input_shape')

    def backward(self, gy):
        raise NotImplementedError('TODO(step 57): write Col2im.backward(): im2col of gy')


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
    raise NotImplementedError('TODO(step 57): write conv2d_simple(): im2col matrix times the kernel as a (C*KH*KW, OC) matrix, plus b, reshaped')


class Conv2d(Function):
    """y = conv2d(x, W, b): im2col, then one tensordot over (C, KH, KW)."""

    def __init__(self, stride=1, pad=0):
        self.stride, self.pad = pair(stride), pair(pad)

    def forward(self, x, W, b):
        xp = cuda.get_array_module(x)
        raise NotImplementedError('TODO(step 57): write Conv2d.forward(): the 6-d columns, contracted with W over C, KH, KW; b per channel')

    def backward(self, gy):
        """gx: the transposed convolution of gy; gW: gy against x's windows; gb: a sum."""
        x, W, b = self.inputs
        raise NotImplementedError('TODO(step 57): write Conv2d.backward(): deconv2d for gx, Conv2DGradW for gW, gy summed over N, OH, OW for gb')


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
    raise NotImplementedError('TODO(step 57): write pooling_simple(): im2col padded with the lowest value, one window a row, max, reshape')


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
        raise NotImplementedError('TODO(step 57): write Pooling.forward(): 6-d columns padded with _lowest; argmax and max per window')

    def backward(self, gy):
        raise NotImplementedError("TODO(step 57): write Pooling.backward(): a Pooling2DGrad that knows this pooling's indexes")


class Pooling2DGrad(_PoolingIndexes):
    """gx = Pooling2DGrad(pool)(gy): each gradient goes back to its window's maximum."""

    def forward(self, gy):
        xp = cuda.get_array_module(gy)
        N, C, OH, OW = gy.shape
        KH, KW = pair(self.kernel_size)
        raise NotImplementedError('TODO(step 57): write Pooling2DGrad.forward(): zeros (N, C, OH, OW, KH*KW); gy put at the indexes; to 6-d; col2im_array')

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
        raise NotImplementedError("TODO(step 57): write AveragePooling.forward(): the 6-d columns, averaged over the window's axes (2, 3)")

    def backward(self, gy):
        raise NotImplementedError('TODO(step 57): write AveragePooling.backward(): gy / (KH*KW) broadcast over each window, then col2im')


def average_pooling(x, kernel_size, stride=1, pad=0):
    return AveragePooling(kernel_size, stride, pad)(x)
