"""Step 57: im2col and col2im (dezero/functions_conv.py), against windows cut out by a loop.

im2col copies every window of the image into a column; col2im adds columns back into an
image. They are each other's adjoints: <im2col(x), c> = <x, col2im(c)> for any x and c,
which is what makes col2im the gradient of im2col.
"""

import numpy as np
import pytest

from kata import checks
from tests import conv_reference as ref

IMAGE = (2, 3, 7, 6)  # N, C, H, W: small, not square


@pytest.fixture
def conv(dezero):
    """dezero.functions_conv, as the book imports it."""
    return dezero.functions_conv


def what(k, s, p):
    return f"kernel_size={k}, stride={s}, pad={p}"


@pytest.mark.parametrize(("k", "s", "p"), ref.CASES, ids=ref.CASE_IDS)
def test_im2col_array_holds_every_window(conv, k, s, p):
    x = checks.seeded().standard_normal(IMAGE)
    col = conv.im2col_array(x, k, s, p, to_matrix=False)
    checks.close(col, ref.im2col(x, k, s, p), f"im2col_array(x, {what(k, s, p)}, "
                 f"to_matrix=False) for x of shape {IMAGE}: (N, C, KH, KW, OH, OW), "
                 f"col[n, c, ky, kx, oy, ox] the number at (ky, kx) of window (oy, ox)")


@pytest.mark.parametrize(("k", "s", "p"), ref.CASES[:5], ids=ref.CASE_IDS[:5])
def test_im2col_as_a_matrix_has_a_row_per_output_pixel(conv, k, s, p):
    x = checks.seeded().standard_normal(IMAGE)
    N, C, KH, KW, OH, OW = ref.im2col(x, k, s, p).shape
    expected = ref.im2col(x, k, s, p).transpose(0, 4, 5, 1, 2, 3).reshape(N * OH * OW, -1)
    checks.close(conv.im2col_array(x, k, s, p), expected, f"im2col_array(x, {what(k, s, p)}) "
                 f"as a matrix: (N*OH*OW, C*KH*KW), rows in the order (n, oy, ox), columns "
                 f"(c, ky, kx)")


@pytest.mark.explains("col2im must add each column back")
@pytest.mark.parametrize("to_matrix", [True, False], ids=["matrix", "6-d"])
@pytest.mark.parametrize(("k", "s", "p"), ref.CASES, ids=ref.CASE_IDS)
def test_col2im_is_the_adjoint_of_im2col(conv, k, s, p, to_matrix):
    rng = checks.seeded()
    x = rng.standard_normal(IMAGE)
    col = conv.im2col_array(x, k, s, p, to_matrix=to_matrix)
    c = rng.standard_normal(col.shape)
    back = conv.col2im_array(c, IMAGE, k, s, p, to_matrix=to_matrix)
    checks.equal(back.shape, IMAGE, f"col2im_array(c, {IMAGE}, {what(k, s, p)}).shape")
    checks.close(np.sum(col * c), np.sum(x * back), f"<im2col(x), c> against <x, col2im(c)> "
                 f"({what(k, s, p)}, to_matrix={to_matrix}): col2im must add each column "
                 f"back where im2col took it from, overlaps summed, padding dropped")


def test_im2col_and_col2im_keep_float32(conv):
    x = checks.seeded().standard_normal(IMAGE).astype(np.float32)
    col = conv.im2col_array(x, 3, 1, 1)
    checks.equal(col.dtype, np.float32, "im2col_array of float32 data: its dtype")
    checks.equal(conv.col2im_array(col, IMAGE, 3, 1, 1).dtype, np.float32,
                 "col2im_array of float32 columns: its dtype")


def test_im2col_function_backward_is_col2im(dezero, conv):
    rng = checks.seeded()
    x = dezero.Variable(rng.standard_normal((1, 2, 5, 4)))
    col = conv.im2col(x, 3, stride=2, pad=1)
    checks.instance(col, dezero.Variable, "im2col(x, 3, stride=2, pad=1) (the Function)")
    weights = rng.standard_normal(col.shape)
    dezero.functions.sum(col * weights).backward()
    expected = conv.col2im_array(weights, x.shape, 3, 2, 1)
    checks.close(x.grad, expected, "x.grad after sum(im2col(x, 3, stride=2, pad=1) * w)"
                 ".backward(): col2im of w (Im2col.backward)")


def test_col2im_function_backward_is_im2col(dezero, conv):
    rng = checks.seeded()
    shape = (1, 2, 5, 4)
    c = dezero.Variable(rng.standard_normal(conv.im2col_array(np.zeros(shape), 2, 1, 0).shape))
    img = conv.col2im(c, shape, 2)
    weights = rng.standard_normal(shape)
    dezero.functions.sum(img * weights).backward()
    checks.close(c.grad, conv.im2col_array(weights, 2, 1, 0), "c.grad after "
                 "sum(col2im(c, shape, 2) * w).backward(): im2col of w (Col2im.backward)")


def test_a_window_larger_than_the_image_is_an_error(conv):
    x = np.zeros((1, 1, 3, 3))
    checks.raises(ValueError, lambda: conv.im2col_array(x, 5, 1, 0),
                  "im2col_array of a 3x3 image with a 5x5 window and no padding")
