"""Step 54: Config.train, dezero.test_mode() and inverted F.dropout(x, dropout_ratio=0.5),
checked statistically on a seeded generator."""

import numpy as np
import pytest

from kata import checks

SIZE = 200_000  # elements: the share dropped is then within about 0.003 of the ratio


@pytest.fixture(autouse=True)
def seeded():
    np.random.seed(0)  # dropout draws its mask from np.random (put back after the test)


@pytest.mark.passes_on_skeleton("Config.train is given: the test guards its default")
def test_training_is_the_default(dezero):
    checks.equal(dezero.Config.train, True, "dezero.Config.train before any test_mode()")


def test_test_mode_turns_training_off_inside_its_block(dezero):
    with dezero.test_mode():
        checks.equal(dezero.Config.train, False, "Config.train inside `with test_mode():`")
    checks.equal(dezero.Config.train, True, "Config.train after the block")
    with pytest.raises(KeyError), dezero.test_mode():
        raise KeyError("the block fails")
    checks.equal(dezero.Config.train, True, "Config.train after a block that raised")


@pytest.mark.parametrize("ratio", [0.1, 0.5, 0.8])
def test_dropout_drops_that_share_and_keeps_the_mean(dezero, ratio):
    y = dezero.functions.dropout(np.ones(SIZE), dropout_ratio=ratio).data
    dropped = float(np.mean(y == 0))
    checks.close(dropped, ratio, f"the share of elements F.dropout(x, dropout_ratio={ratio}) "
                 f"sets to 0", atol=0.01)
    kept = y[y != 0]
    checks.close(kept, np.full(kept.shape, 1 / (1 - ratio)), f"the kept elements of ones "
                 f"after dropout({ratio}): divided by 1 - ratio (inverted dropout)")
    checks.close(float(y.mean()), 1.0, f"the mean after dropout({ratio}) (inverted dropout "
                 f"keeps it)", atol=0.01)


def test_the_default_ratio_is_a_half(dezero):
    y = dezero.functions.dropout(np.ones(SIZE)).data
    checks.close(float(np.mean(y == 0)), 0.5, "the share F.dropout(x) drops by default",
                 atol=0.01)


def test_dropout_in_test_mode_is_the_identity(dezero):
    x = np.random.randn(3, 4)
    with dezero.test_mode():
        y = dezero.functions.dropout(x, dropout_ratio=0.5)
    checks.close(y.data, x, "F.dropout(x) under test_mode() (x as it is)")


def test_the_gradient_goes_through_the_kept_elements(dezero):
    x = dezero.Variable(np.ones(1000))
    y = dezero.functions.dropout(x, dropout_ratio=0.3)
    y.backward()
    checks.close(x.grad.data, y.data, "x.grad after dropout of ones: 1 / 0.7 where kept, 0 "
                 "where dropped (the same mask as the forward pass)")


def test_float32_stays_float32(dezero):
    y = dezero.functions.dropout(np.ones(10, dtype=np.float32), dropout_ratio=0.5)
    checks.equal(y.dtype, np.float32, "the dtype of dropout on float32 data")


def test_dropout_on_the_gpu_draws_its_mask_there(dezero, monkeypatch):
    from tests import gpu_standin

    dezero = gpu_standin.on_fake_gpu(dezero, monkeypatch)
    x = gpu_standin.to_device(np.ones(100))
    y = dezero.functions.dropout(x)
    checks.is_true(gpu_standin.on_device(y.data), "dropout of GPU data should stay on the GPU "
                   "(the mask from xp.random.rand, xp = cuda.get_array_module(x))")
