"""Convolution and pooling written as plain loops over output pixels: what steps 57 and 58
check functions_conv against. Slow, and obviously right: each output pixel is computed from
its own window, with padding made explicit."""

import numpy as np


def pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def padded(x, pad, fill=0.0):
    """x (N, C, H, W) with PH rows above and below and PW columns either side of fill."""
    PH, PW = pair(pad)
    return np.pad(x, ((0, 0), (0, 0), (PH, PH), (PW, PW)), constant_values=fill)


def outsize(size, kernel, stride, pad):
    return (size + 2 * pad - kernel) // stride + 1


def windows(x, kernel_size, stride, pad, fill=0.0):
    """Yield (oy, ox, window) for every output pixel; window is (N, C, KH, KW)."""
    (KH, KW), (SH, SW), (PH, PW) = pair(kernel_size), pair(stride), pair(pad)
    H, W = x.shape[2:]
    OH, OW = outsize(H, KH, SH, PH), outsize(W, KW, SW, PW)
    big = padded(x, pad, fill)
    for oy in range(OH):
        for ox in range(OW):
            yield oy, ox, big[:, :, oy * SH:oy * SH + KH, ox * SW:ox * SW + KW]


def out_shape(x, channels, kernel_size, stride, pad):
    (KH, KW), (SH, SW), (PH, PW) = pair(kernel_size), pair(stride), pair(pad)
    H, W = x.shape[2:]
    return (x.shape[0], channels, outsize(H, KH, SH, PH), outsize(W, KW, SW, PW))


def conv2d(x, W, b=None, stride=1, pad=0):
    """y[n, oc, oy, ox] = sum over c, ky, kx of window[n, c, ky, kx] * W[oc, c, ky, kx] + b[oc]."""
    y = np.zeros(out_shape(x, W.shape[0], W.shape[2:], stride, pad))
    for oy, ox, window in windows(x, W.shape[2:], stride, pad):
        for oc in range(W.shape[0]):
            y[:, oc, oy, ox] = np.sum(window * W[oc], axis=(1, 2, 3))
    if b is not None:
        y += b.reshape(1, -1, 1, 1)
    return y


def max_pooling(x, kernel_size, stride=1, pad=0):
    """The largest number of each window; padding never wins (it is -inf)."""
    y = np.zeros(out_shape(x, x.shape[1], kernel_size, stride, pad))
    for oy, ox, window in windows(x, kernel_size, stride, pad, fill=-np.inf):
        y[:, :, oy, ox] = window.max(axis=(2, 3))
    return y


def average_pooling(x, kernel_size, stride=1, pad=0):
    """The mean of each window, padding counted as zeros (KH * KW numbers each time)."""
    y = np.zeros(out_shape(x, x.shape[1], kernel_size, stride, pad))
    for oy, ox, window in windows(x, kernel_size, stride, pad):
        y[:, :, oy, ox] = window.mean(axis=(2, 3))
    return y


def im2col(x, kernel_size, stride=1, pad=0):
    """The 6-d columns (N, C, KH, KW, OH, OW): col[..., oy, ox] is the window of (oy, ox)."""
    (KH, KW) = pair(kernel_size)
    N, C, OH, OW = out_shape(x, x.shape[1], kernel_size, stride, pad)
    col = np.zeros((N, C, KH, KW, OH, OW))
    for oy, ox, window in windows(x, kernel_size, stride, pad):
        col[:, :, :, :, oy, ox] = window
    return col


# (kernel_size, stride, pad) cases: square and not, strides that do and do not divide
CASES = [(1, 1, 0), (2, 1, 0), (3, 1, 1), (3, 2, 1), (2, 2, 0), (3, 3, 2), (4, 2, 1),
         ((2, 3), (1, 2), (1, 0)), ((3, 1), (2, 1), (0, 1))]
CASE_IDS = [f"k{k}-s{s}-p{p}".replace(" ", "") for k, s, p in CASES]
