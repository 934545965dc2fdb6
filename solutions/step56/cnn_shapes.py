"""Step 56: what a convolution layer and a pooling layer do to the shape of the data.

The book's step 56 has no code: it explains how channels, a batch and pooling change the
shapes a CNN works with. Here you write it down: first the shapes, with step 55's
`get_conv_outsize` and `pair`; then the convolution and the max pooling themselves, the slow
way, one output pixel at a time. Step 57 computes the same numbers fast, with im2col.

The shapes are the book's:
    data      (N, C, H, W)        N images of C channels, H rows and W columns
    kernels   (OC, C, KH, KW)     OC kernels, each as deep as the data has channels
    bias      (OC,)               one number per output channel
    output    (N, OC, OH, OW)     one channel per kernel

Run it (`../../.venv/bin/python cnn_shapes.py` in this folder): it prints a few layers' shapes.
"""

import numpy as np
from dezero.utils import get_conv_outsize, pair


# BEGIN NEW
def conv_output_shape(x_shape, W_shape, stride=1, pad=0):
    """The shape (N, OC, OH, OW) of a convolution of data x_shape with kernels W_shape."""
    # BEGIN SOLUTION: unpack both shapes; the channels must agree; get_conv_outsize per axis
    N, C, H, W = x_shape
    OC, kernel_channels, KH, KW = W_shape
    if kernel_channels != C:
        raise ValueError(f"the kernels {tuple(W_shape)} have {kernel_channels} channels, "
                         f"the data {tuple(x_shape)} has {C}: they must agree")
    SH, SW = pair(stride)
    PH, PW = pair(pad)
    return N, OC, get_conv_outsize(H, KH, SH, PH), get_conv_outsize(W, KW, SW, PW)
    # END SOLUTION


def pooling_output_shape(x_shape, kernel_size, stride=1, pad=0):
    """The shape (N, C, OH, OW) after pooling: the rows and columns shrink, channels stay."""
    # BEGIN SOLUTION: as a convolution's, but every channel is pooled on its own
    N, C, H, W = x_shape
    KH, KW = pair(kernel_size)
    SH, SW = pair(stride)
    PH, PW = pair(pad)
    return N, C, get_conv_outsize(H, KH, SH, PH), get_conv_outsize(W, KW, SW, PW)
    # END SOLUTION


def conv_param_count(in_channels, out_channels, kernel_size, nobias=False):
    """How many numbers a convolution layer learns: its kernels, and its bias unless nobias."""
    # BEGIN SOLUTION: OC kernels of C x KH x KW numbers, plus one bias per output channel
    KH, KW = pair(kernel_size)
    bias = 0 if nobias else out_channels
    return out_channels * in_channels * KH * KW + bias
    # END SOLUTION


def conv_by_hand(x, W, b=None, stride=1, pad=0):
    """The convolution, one output pixel at a time: each output is the sum of a window of the
    (zero-padded) data times a kernel, over the window's channels, rows and columns."""
    N, OC, OH, OW = conv_output_shape(x.shape, W.shape, stride, pad)
    KH, KW = W.shape[2:]
    SH, SW = pair(stride)
    PH, PW = pair(pad)
    # BEGIN SOLUTION: pad, then for each (i, j) the window at (i * SH, j * SW) against every kernel
    padded = np.pad(x, ((0, 0), (0, 0), (PH, PH), (PW, PW)))
    y = np.zeros((N, OC, OH, OW), dtype=np.result_type(x, W))
    for i in range(OH):
        for j in range(OW):
            window = padded[:, :, i * SH:i * SH + KH, j * SW:j * SW + KW]  # (N, C, KH, KW)
            # every image's window against every kernel: (N, OC)
            y[:, :, i, j] = np.tensordot(window, W, axes=((1, 2, 3), (1, 2, 3)))
    if b is not None:
        y += b.reshape(1, OC, 1, 1)  # one bias per output channel, the same at every pixel
    return y
    # END SOLUTION


def max_pooling_by_hand(x, kernel_size, stride=1, pad=0):
    """Max pooling, one output pixel at a time: the largest number of each window, channel by
    channel. Padding must never win, so it is the lowest number, not zero."""
    N, C, OH, OW = pooling_output_shape(x.shape, kernel_size, stride, pad)
    KH, KW = pair(kernel_size)
    SH, SW = pair(stride)
    PH, PW = pair(pad)
    # BEGIN SOLUTION: pad with -inf; for each (i, j) the max of the window over its rows and columns
    padded = np.pad(x, ((0, 0), (0, 0), (PH, PH), (PW, PW)), constant_values=-np.inf)
    y = np.empty((N, C, OH, OW), dtype=x.dtype)
    for i in range(OH):
        for j in range(OW):
            window = padded[:, :, i * SH:i * SH + KH, j * SW:j * SW + KW]  # (N, C, KH, KW)
            y[:, :, i, j] = window.max(axis=(2, 3))
    return y
    # END SOLUTION
# END NEW


def main():
    """A small CNN's shapes, layer by layer, on a batch of 10 colour images of 32 x 32."""
    x_shape = (10, 3, 32, 32)
    print("data", x_shape)
    for channels, kernel, stride, pad in ((16, 3, 1, 1), (32, 3, 2, 1), (64, 5, 1, 0)):
        W_shape = (channels, x_shape[1], kernel, kernel)
        x_shape = conv_output_shape(x_shape, W_shape, stride, pad)
        params = conv_param_count(W_shape[1], channels, kernel)
        print(f"conv {kernel}x{kernel}, stride {stride}, pad {pad} -> {x_shape}, "
              f"{params} parameters")
    x_shape = pooling_output_shape(x_shape, 2, stride=2)
    print("max pooling 2x2, stride 2 ->", x_shape)


if __name__ == "__main__":
    main()
