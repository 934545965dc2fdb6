"""Step 57: L.Conv2d, a layer that holds its kernels and bias, made lazily like L.Linear."""

import numpy as np

from kata import checks
from tests import conv_reference as ref


def image(shape=(2, 3, 6, 5)):
    return checks.seeded().standard_normal(shape).astype(np.float32)


def test_kernels_are_made_at_the_first_call(dezero):
    layer = dezero.layers.Conv2d(4, kernel_size=3, stride=2, pad=1)
    checks.is_true(layer.W.data is None, "L.Conv2d(4, kernel_size=3) without in_channels: "
                   "W.data should be None until the first call (it learns C from x)")
    x = image()
    y = layer(x)
    checks.equal(layer.W.shape, (4, 3, 3, 3), "L.Conv2d(4, kernel_size=3) called on x of "
                 "shape (2, 3, 6, 5): W's shape (OC, C, KH, KW)")
    checks.equal(layer.W.dtype, np.float32, "W's dtype (the default dtype=np.float32; NumPy 2 "
                 "makes float32 * np.float64 a float64: cast after scaling)")
    checks.close(layer.b, np.zeros(4), "b of a new L.Conv2d(4, ...): zeros, one per channel")
    checks.close(y, ref.conv2d(x, layer.W.data, layer.b.data, 2, 1), "L.Conv2d(4, "
                 "kernel_size=3, stride=2, pad=1)(x): conv2d with the layer's W and b",
                 rtol=1e-5, atol=1e-5)
    checks.equal(y.dtype, np.float32, "L.Conv2d's output dtype for float32 input")


def test_in_channels_makes_the_kernels_at_once(dezero):
    layer = dezero.layers.Conv2d(8, kernel_size=(2, 3), in_channels=5)
    checks.is_true(layer.W.data is not None, "L.Conv2d(8, (2, 3), in_channels=5): W should "
                   "be made in __init__ when in_channels is given")
    checks.equal(layer.W.shape, (8, 5, 2, 3), "W's shape of L.Conv2d(8, (2, 3), in_channels=5)")


def test_kernels_are_scaled_to_the_window(dezero):
    np.random.seed(0)  # L.Conv2d draws from np.random, as in the book
    layer = dezero.layers.Conv2d(64, kernel_size=3, in_channels=8)
    expected = np.sqrt(1 / (8 * 3 * 3))
    checks.close(np.std(layer.W.data), expected, "the standard deviation of W for "
                 "L.Conv2d(64, 3, in_channels=8): about sqrt(1 / (C * KH * KW))", rtol=0.05)


def test_nobias_and_params(dezero):
    with_bias = dezero.layers.Conv2d(2, kernel_size=1, in_channels=3)
    checks.equal(len(list(with_bias.params())), 2, "parameters of L.Conv2d(2, 1, in_channels=3)")
    layer = dezero.layers.Conv2d(2, kernel_size=1, nobias=True, in_channels=3)
    checks.is_true(layer.b is None, "L.Conv2d(..., nobias=True).b should be None")
    checks.equal(len(list(layer.params())), 1, "parameters of L.Conv2d(..., nobias=True)")
    x = image((1, 3, 4, 4))
    checks.close(layer(x), ref.conv2d(x, layer.W.data, None, 1, 0), "L.Conv2d(2, 1, "
                 "nobias=True, in_channels=3)(x)", rtol=1e-5, atol=1e-5)


def test_a_layer_learns(dezero):
    """One SGD step on the squared output lowers it: the grads reach W and b."""
    np.random.seed(1)
    layer = dezero.layers.Conv2d(3, kernel_size=3, pad=1)
    x = image((2, 2, 5, 5))
    F = dezero.functions
    losses = []
    for _ in range(2):
        loss = F.sum(layer(x) ** 2)
        layer.cleargrads()
        loss.backward()
        for param in layer.params():
            param.data -= 0.01 * param.grad.data
        losses.append(float(loss.data))
    checks.is_true(losses[1] < losses[0], f"sum(L.Conv2d(3, 3, pad=1)(x) ** 2) after one SGD "
                   f"step: expected it lower than {losses[0]:.4g}, got {losses[1]:.4g}")
