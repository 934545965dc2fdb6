"""Step 57: conv2d_simple and conv2d against a loop over output pixels (tests/conv_reference),
over kernel sizes, strides and paddings; their gradients against numerical ones."""

import numpy as np
import pytest

from kata import checks
from tests import conv_reference as ref

X_SHAPE = (2, 3, 7, 6)  # N, C, H, W
OUT_CHANNELS = 4


def data(k, seed=0):
    """x, W, b for a case with kernel size k."""
    rng = checks.seeded(seed)
    KH, KW = ref.pair(k)
    return (rng.standard_normal(X_SHAPE), rng.standard_normal((OUT_CHANNELS, 3, KH, KW)),
            rng.standard_normal(OUT_CHANNELS))


@pytest.mark.parametrize("name", ["conv2d", "conv2d_simple"])
@pytest.mark.parametrize(("k", "s", "p"), ref.CASES, ids=ref.CASE_IDS)
def test_convolution_matches_the_loop(dezero, name, k, s, p):
    x, W, b = data(k)
    y = getattr(dezero.functions_conv, name)(x, W, b, stride=s, pad=p)
    checks.instance(y, dezero.Variable, f"{name}(x, W, b, ...)")
    checks.close(y, ref.conv2d(x, W, b, s, p), f"{name}(x, W, b, stride={s}, pad={p}) for x "
                 f"{X_SHAPE}, W {W.shape}: y[n, oc, oy, ox] = sum of window * W[oc] + b[oc]",
                 rtol=1e-10)


@pytest.mark.parametrize("name", ["conv2d", "conv2d_simple"])
def test_f_offers_it_and_b_may_be_left_out(dezero, name):
    """The book's scripts call F.conv2d: functions.py offers what functions_conv defines."""
    x, W, _ = data(3)
    y = getattr(dezero.functions, name)(x, W, stride=2, pad=1)
    checks.close(y, ref.conv2d(x, W, None, 2, 1), f"F.{name}(x, W, stride=2, pad=1), b left "
                 f"out (F: dezero.functions, which imports it from functions_conv)",
                 rtol=1e-10)


def grads_against_numerical(dezero, conv, k, s, p, nobias=False):
    """conv's gradients for a loss sum(y * R) against the loop's, by central difference."""
    rng = checks.seeded(1)
    KH, KW = ref.pair(k)
    x0, W0 = rng.standard_normal((2, 2, 5, 4)), rng.standard_normal((3, 2, KH, KW))
    b0 = None if nobias else rng.standard_normal(3)
    R = rng.standard_normal(ref.out_shape(x0, 3, k, s, p))  # a loss that weighs each output
    x, W = dezero.Variable(x0), dezero.Variable(W0)
    b = None if nobias else dezero.Variable(b0)
    dezero.functions.sum(conv(x, W, b, stride=s, pad=p) * R).backward()
    loss = {"x": lambda v: np.sum(ref.conv2d(v, W0, b0, s, p) * R),
            "W": lambda v: np.sum(ref.conv2d(x0, v, b0, s, p) * R)}
    grads = {"x": (x, x0), "W": (W, W0)}
    if not nobias:
        loss["b"] = lambda v: np.sum(ref.conv2d(x0, W0, v, s, p) * R)
        grads["b"] = (b, b0)
    for name, (variable, value) in grads.items():
        checks.close(variable.grad, checks.numerical_grad(loss[name], value),
                     f"{name}.grad after sum({conv.__name__}(x, W, b, stride={s}, pad={p}) * R)"
                     f".backward()", rtol=1e-5, atol=1e-7)


GRAD_CASES = [(3, 1, 1), (3, 2, 1), (2, 2, 0), ((2, 3), (2, 1), (0, 1))]
GRAD_IDS = [f"k{k}-s{s}-p{p}".replace(" ", "") for k, s, p in GRAD_CASES]


@pytest.mark.parametrize(("k", "s", "p"), GRAD_CASES, ids=GRAD_IDS)
def test_conv2d_gradients(dezero, k, s, p):
    grads_against_numerical(dezero, dezero.functions_conv.conv2d, k, s, p)


def test_conv2d_gradients_without_bias(dezero):
    grads_against_numerical(dezero, dezero.functions_conv.conv2d, 3, 2, 1, nobias=True)


def test_conv2d_simple_gradients(dezero):
    grads_against_numerical(dezero, dezero.functions_conv.conv2d_simple, 3, 2, 1)


def test_conv2d_keeps_float32(dezero):
    x, W, b = (a.astype(np.float32) for a in data(3))
    x, W, b = dezero.Variable(x), dezero.Variable(W), dezero.Variable(b)
    y = dezero.functions_conv.conv2d(x, W, b, stride=1, pad=1)
    checks.equal(y.dtype, np.float32, "conv2d of float32 x, W, b: the output's dtype")
    dezero.functions.sum(y).backward()
    for name, v in (("x", x), ("W", W), ("b", b)):
        checks.equal(v.grad.dtype, np.float32, f"{name}.grad's dtype after conv2d on float32")


def test_deconv2d_is_the_adjoint_of_conv2d(dezero):
    """<conv2d(x, W), y> = <x, deconv2d(y, W)>: conv2d's backward for x is deconv2d."""
    rng = checks.seeded(2)
    x, W = rng.standard_normal((2, 3, 7, 6)), rng.standard_normal((4, 3, 3, 3))
    conv = dezero.functions_conv
    y = rng.standard_normal(ref.out_shape(x, 4, 3, 2, 1))
    back = conv.deconv2d(y, W, stride=2, pad=1, outsize=(7, 6))
    checks.equal(back.shape, x.shape, "deconv2d(y, W, stride=2, pad=1, outsize=(7, 6)).shape")
    checks.close(np.sum(ref.conv2d(x, W, None, 2, 1) * y), np.sum(x * back.data),
                 "<conv2d(x, W), y> against <x, deconv2d(y, W)>, stride=2, pad=1")


def test_conv2d_twice_differentiable(dezero):
    """backward(create_graph=True) of a convolution gives a W.grad that can be differentiated
    again, in x (Conv2DGradW.backward)."""
    rng = checks.seeded(3)
    x0, W0 = rng.standard_normal((1, 2, 4, 4)), rng.standard_normal((2, 2, 3, 3))
    R = rng.standard_normal(W0.shape)
    conv, F = dezero.functions_conv, dezero.functions

    def w_grad(x_data, create_graph=False):
        x, W = dezero.Variable(x_data), dezero.Variable(W0)
        F.sum(conv.conv2d(x, W, stride=1, pad=1) ** 2).backward(create_graph=create_graph)
        return x, W.grad

    x, gW = w_grad(x0, create_graph=True)
    x.cleargrad()
    F.sum(gW * R).backward()
    expected = checks.numerical_grad(lambda v: np.sum(w_grad(v)[1].data * R), x0)
    checks.close(x.grad, expected, "x.grad of sum(W.grad * R), W.grad from "
                 "sum(conv2d(x, W, pad=1) ** 2).backward(create_graph=True)", rtol=1e-5,
                 atol=1e-7)
