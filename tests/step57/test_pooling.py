"""Step 57: pooling_simple, pooling and average_pooling against loops (tests/conv_reference),
over kernel sizes, strides and paddings; their gradients against numerical ones.

Max pooling pads with -inf here (the book pads with zeros, so a window of negative numbers
at the border gave 0): the data are negative on purpose, so that padding would show.
"""

import numpy as np
import pytest

from kata import checks
from tests import conv_reference as ref

X_SHAPE = (2, 3, 7, 6)
# pooling's padding must be smaller than its window (else a window may hold only padding)
CASES = [(2, 2, 0), (2, 1, 0), (3, 2, 1), (3, 3, 1), (3, 1, 1), ((2, 3), (2, 1), (1, 0))]
IDS = [f"k{k}-s{s}-p{p}".replace(" ", "") for k, s, p in CASES]


def negative_data(seed=0, shape=X_SHAPE):
    """Distinct numbers, all below zero (no ties: each window has one maximum)."""
    rng = checks.seeded(seed)
    return -(rng.permutation(np.prod(shape)).reshape(shape) + rng.uniform(0.1, 0.9, shape))


@pytest.mark.parametrize("name", ["pooling", "pooling_simple"])
@pytest.mark.parametrize(("k", "s", "p"), CASES, ids=IDS)
def test_max_pooling_matches_the_loop(dezero, name, k, s, p):
    x = negative_data()
    y = getattr(dezero.functions, name)(x, k, stride=s, pad=p)
    checks.close(y, ref.max_pooling(x, k, s, p), f"F.{name}(x, {k}, stride={s}, pad={p}) for "
                 f"x {X_SHAPE}, all negative: the largest number of each window (padding "
                 f"never wins: pad with -inf, not 0)")


@pytest.mark.parametrize(("k", "s", "p"), CASES, ids=IDS)
def test_average_pooling_matches_the_loop(dezero, k, s, p):
    x = checks.seeded().standard_normal(X_SHAPE)
    y = dezero.functions.average_pooling(x, k, stride=s, pad=p)
    checks.close(y, ref.average_pooling(x, k, s, p), f"F.average_pooling(x, {k}, stride={s}, "
                 f"pad={p}): the mean of each window, padding counted as zeros")


GRAD_CASES = [(2, 2, 0), (3, 2, 1), ((2, 3), (1, 2), (1, 1))]
GRAD_IDS = [f"k{k}-s{s}-p{p}".replace(" ", "") for k, s, p in GRAD_CASES]
REFERENCE = {"pooling": ref.max_pooling, "pooling_simple": ref.max_pooling,
             "average_pooling": ref.average_pooling}


@pytest.mark.parametrize("name", list(REFERENCE))
@pytest.mark.parametrize(("k", "s", "p"), GRAD_CASES, ids=GRAD_IDS)
def test_pooling_gradients(dezero, name, k, s, p):
    x0 = negative_data(1, (2, 2, 5, 4))
    R = checks.seeded(2).standard_normal(ref.out_shape(x0, 2, k, s, p))
    x = dezero.Variable(x0)
    dezero.functions.sum(getattr(dezero.functions, name)(x, k, stride=s, pad=p) * R).backward()
    expected = checks.numerical_grad(lambda v: np.sum(REFERENCE[name](v, k, s, p) * R), x0)
    checks.close(x.grad, expected, f"x.grad after sum(F.{name}(x, {k}, stride={s}, pad={p}) "
                 f"* R).backward(): max pooling sends each gradient to its window's maximum, "
                 f"average pooling shares it over the window", rtol=1e-5, atol=1e-7)


def test_max_pooling_backward_twice(dezero):
    """Max pooling's gradient is linear in gy: differentiated again (create_graph=True), it
    picks the numbers at the maxima (Pooling2DGrad.backward)."""
    F = dezero.functions
    x = dezero.Variable(negative_data(3, (1, 2, 4, 4)))
    y = F.pooling(x, 2, stride=2)
    gy = dezero.Variable(checks.seeded(4).standard_normal(y.shape))
    y.grad = gy
    y.backward(create_graph=True)
    gx = x.grad
    R = checks.seeded(5).standard_normal(x.shape)
    gy.cleargrad()
    F.sum(gx * R).backward()
    checks.close(gy.grad, ref.max_pooling(np.where(gx.data != 0, R, -np.inf), 2, 2, 0),
                 "gy.grad of sum(x.grad * R), x.grad from pooling(x, 2, stride=2) with "
                 "backward(create_graph=True): R at each window's maximum")


@pytest.mark.parametrize("name", list(REFERENCE))
def test_pooling_keeps_float32(dezero, name):
    x = dezero.Variable(negative_data().astype(np.float32))
    y = getattr(dezero.functions, name)(x, 3, stride=2, pad=1)
    checks.equal(y.dtype, np.float32, f"F.{name} of float32 data: the output's dtype")
    dezero.functions.sum(y).backward()
    checks.equal(x.grad.dtype, np.float32, f"x.grad's dtype after F.{name} on float32 data")
