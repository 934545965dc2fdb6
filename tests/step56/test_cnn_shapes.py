"""Step 56 (solutions/step56/cnn_shapes.py): the shapes of a convolution and of pooling,
and both computed one output pixel at a time, checked against NumPy's sliding windows."""

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from kata import checks
from tests.exercise_files import load

pytestmark = pytest.mark.until(56)  # cnn_shapes.py belongs to step 56's folder alone


@pytest.fixture
def exercise(dezero, impl_folder):
    dezero.Variable  # noqa: B018  (the dezero fixture first: it puts the folder on the path)
    return load(impl_folder, "cnn_shapes.py", 56)


def positions(size, kernel, stride, pad):
    """How many places a kernel takes along one axis, counted by moving it."""
    return len(range(0, size + 2 * pad - kernel + 1, stride))


# (data shape, kernels (OC, KH, KW), stride, pad): square and rectangular, ints and pairs
CASES = [
    ((1, 1, 4, 4), (1, 3, 3), 1, 0),
    ((2, 3, 7, 7), (4, 3, 3), 1, 1),
    ((2, 3, 7, 6), (5, 3, 3), 2, 1),
    ((1, 2, 8, 5), (3, 2, 4), (2, 1), (0, 1)),
    ((3, 1, 5, 9), (2, 1, 2), (1, 3), 1),
    ((2, 4, 6, 6), (1, 5, 5), 3, (2, 0)),
    ((1, 2, 3, 3), (2, 1, 1), 1, 0),
]


def case_id(case):
    x_shape, (OC, KH, KW), stride, pad = case
    return f"x{x_shape}-W{OC}x{KH}x{KW}-s{stride}-p{pad}".replace(" ", "")


def expected_size(x_shape, KH, KW, stride, pad):
    (SH, SW), (PH, PW) = (np.broadcast_to(stride, 2), np.broadcast_to(pad, 2))
    return (positions(x_shape[2], KH, int(SH), int(PH)),
            positions(x_shape[3], KW, int(SW), int(PW)))


def pad_each_side(x, pad, value=0.0):
    PH, PW = (int(p) for p in np.broadcast_to(pad, 2))
    return np.pad(x, ((0, 0), (0, 0), (PH, PH), (PW, PW)), constant_values=value)


def windows(x, KH, KW, stride, pad, value=0.0):
    """Every (KH, KW) window of the padded data: (N, C, OH, OW, KH, KW), NumPy's way."""
    SH, SW = (int(s) for s in np.broadcast_to(stride, 2))
    view = sliding_window_view(pad_each_side(x, pad, value), (KH, KW), axis=(2, 3))
    return view[:, :, ::SH, ::SW]


def reference_conv(x, W, b, stride, pad):
    y = np.einsum("nchwij,ocij->nohw", windows(x, *W.shape[2:], stride, pad), W)
    return y if b is None else y + b.reshape(1, -1, 1, 1)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_conv_output_shape(exercise, case):
    x_shape, (OC, KH, KW), stride, pad = case
    W_shape = (OC, x_shape[1], KH, KW)
    got = exercise.conv_output_shape(x_shape, W_shape, stride, pad)
    expected = (x_shape[0], OC, *expected_size(x_shape, KH, KW, stride, pad))
    checks.equal(tuple(got), expected, f"conv_output_shape({x_shape}, {W_shape}, stride="
                 f"{stride}, pad={pad}): (N, OC, OH, OW), the sizes counted by moving the "
                 f"kernel over the padded data")


def test_conv_output_shape_refuses_kernels_of_other_channels(exercise):
    checks.raises(ValueError, lambda: exercise.conv_output_shape((2, 3, 8, 8), (4, 1, 3, 3)),
                  "conv_output_shape((2, 3, 8, 8), (4, 1, 3, 3)): 1-channel kernels on "
                  "3-channel data")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_pooling_output_shape_keeps_the_channels(exercise, case):
    x_shape, (_, KH, KW), stride, pad = case
    got = exercise.pooling_output_shape(x_shape, (KH, KW), stride, pad)
    expected = (*x_shape[:2], *expected_size(x_shape, KH, KW, stride, pad))
    checks.equal(tuple(got), expected, f"pooling_output_shape({x_shape}, kernel_size="
                 f"{(KH, KW)}, stride={stride}, pad={pad}): (N, C, OH, OW), C unchanged")


@pytest.mark.parametrize("C, OC, kernel, nobias", [(3, 16, 3, False), (1, 8, 5, True),
                                                    (64, 128, (3, 1), False), (2, 2, 1, True)])
def test_conv_param_count(exercise, C, OC, kernel, nobias):
    KH, KW = (kernel, kernel) if isinstance(kernel, int) else kernel
    expected = np.empty((OC, C, KH, KW)).size + (0 if nobias else np.empty(OC).size)
    checks.equal(exercise.conv_param_count(C, OC, kernel, nobias), expected,
                 f"conv_param_count({C}, {OC}, {kernel!r}, nobias={nobias}): the numbers in "
                 f"kernels of shape {(OC, C, KH, KW)}" + ("" if nobias else f" and a bias of {OC}"))


def test_conv_by_hand_the_worked_example(exercise):
    x = np.array([[1, 2, 3, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 3, 0, 1]], dtype=float)
    W = np.array([[2, 0, 1], [0, 1, 2], [1, 0, 2]], dtype=float)
    got = exercise.conv_by_hand(x.reshape(1, 1, 4, 4), W.reshape(1, 1, 3, 3), np.array([3.0]))
    checks.close(got, np.array([[[[18.0, 19.0], [9.0, 18.0]]]]), "conv_by_hand of a 4 x 4 "
                 "image with a 3 x 3 kernel and bias 3 (worked by hand: 15, 16, 6, 15, plus 3)")


@pytest.mark.parametrize("with_bias", [True, False], ids=["bias", "no-bias"])
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_conv_by_hand_against_sliding_windows(exercise, case, with_bias):
    x_shape, (OC, KH, KW), stride, pad = case
    rng = np.random.default_rng(56)
    x = rng.standard_normal(x_shape)
    W = rng.standard_normal((OC, x_shape[1], KH, KW))
    b = rng.standard_normal(OC) if with_bias else None
    got = exercise.conv_by_hand(x, W, b, stride, pad)
    checks.close(got, reference_conv(x, W, b, stride, pad),
                 f"conv_by_hand(x{x_shape}, W{W.shape}, b={'(OC,)' if with_bias else None}, "
                 f"stride={stride}, pad={pad}) against NumPy's sliding windows")


def test_conv_by_hand_keeps_float32(exercise):
    x = np.ones((1, 2, 5, 5), dtype=np.float32)
    W = np.ones((3, 2, 3, 3), dtype=np.float32)
    y = exercise.conv_by_hand(x, W, np.zeros(3, dtype=np.float32), 1, 1)
    checks.equal(y.dtype, np.dtype(np.float32), "the dtype of conv_by_hand of float32 data, "
                 "kernels and bias")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_max_pooling_by_hand_against_sliding_windows(exercise, case):
    x_shape, (_, KH, KW), stride, pad = case
    x = -1.0 - np.random.default_rng(57).random(x_shape)  # all negative: a zero pad would win
    got = exercise.max_pooling_by_hand(x, (KH, KW), stride, pad)
    expected = windows(x, KH, KW, stride, pad, value=-np.inf).max(axis=(-2, -1))
    checks.close(got, expected, f"max_pooling_by_hand(x{x_shape} (all below -1), kernel_size="
                 f"{(KH, KW)}, stride={stride}, pad={pad}) against NumPy's sliding windows; "
                 f"padding must never be the maximum")
