"""Step 49: dezero.transforms: Compose, Normalize, Flatten, AsType (ToFloat, ToInt)."""

import numpy as np

from kata import checks


def test_compose_applies_the_transforms_in_order(dezero):
    T = dezero.transforms
    x = np.array([1.0, 2.0])
    checks.close(T.Compose([lambda x: x + 1, lambda x: x * 10])(x), np.array([20.0, 30.0]),
                 "Compose([x + 1, x * 10])([1, 2]): first x + 1, then * 10")
    checks.close(T.Compose([lambda x: x * 10, lambda x: x + 1])(x), np.array([11.0, 21.0]),
                 "Compose([x * 10, x + 1])([1, 2]): first * 10, then + 1")
    checks.close(T.Compose([])(x), x, "Compose([])(x): no transform leaves x as it is")
    checks.close(T.Compose()(x), x, "Compose()(x): no transform leaves x as it is")


def test_normalize(dezero):
    T = dezero.transforms
    x = checks.seeded().normal(size=(3, 4))
    checks.close(T.Normalize(2.0, 4.0)(x), (x - 2.0) / 4.0, "Normalize(mean=2, std=4)(x): "
                 "(x - mean) / std")
    checks.close(T.Normalize()(x), x, "Normalize()(x): the defaults mean=0, std=1 keep x")
    image = np.ones((2, 3, 3), dtype=np.float32)
    got = T.Normalize([1.0, 0.5], [2.0, 0.25])(image)
    checks.close(got[0], np.zeros((3, 3)), "channel 0 of Normalize(mean=[1, 0.5], "
                 "std=[2, 0.25]) of ones (2, 3, 3): (1 - 1) / 2 (one mean and std per channel)")
    checks.close(got[1], np.full((3, 3), 2.0), "channel 1 of Normalize(mean=[1, 0.5], "
                 "std=[2, 0.25]) of ones (2, 3, 3): (1 - 0.5) / 0.25")
    for values in (np.ones(4, np.float32), np.ones((2, 3, 3), np.float32)):
        for mean, std in ((0.5, 255.0), ([0.5, 0.5], [2.0, 2.0])):
            if values.ndim == 1 and not np.isscalar(mean):
                continue
            got = T.Normalize(mean, std)(values)
            checks.equal(got.dtype, np.dtype(np.float32), f"the dtype of Normalize({mean}, "
                         f"{std}) of a float32 array of shape {values.shape}: float32 stays "
                         f"float32")


def test_flatten(dezero):
    image = np.arange(8).reshape(1, 2, 4)
    got = dezero.transforms.Flatten()(image)
    checks.close(got, np.arange(8), "Flatten() of an image (1, 2, 4): one row, in C order")
    got[0] = 100
    checks.equal(int(image[0, 0, 0]), 0, "the image after changing Flatten()'s result: a "
                 "copy (flatten()), so that the data set's images are never changed")


def test_astype(dezero):
    T = dezero.transforms
    x = np.array([0, 128, 255], dtype=np.uint8)
    for transform, dtype, name in ((T.ToFloat(), np.float32, "ToFloat()"),
                                   (T.AsType(), np.float32, "AsType()"),
                                   (T.AsType(np.float64), np.float64, "AsType(np.float64)"),
                                   (T.ToInt(), np.int64, "ToInt()")):
        got = transform(x)
        checks.equal(got.dtype, np.dtype(dtype), f"the dtype of {name} of a uint8 array")
        checks.close(got, np.array([0, 128, 255]), f"the values of {name} of [0, 128, 255]")


def test_an_image_as_a_flat_float32_vector_in_0_1(dezero):
    T = dezero.transforms
    image = np.array([0, 51, 255, 102], dtype=np.uint8).reshape(1, 2, 2)
    got = T.Compose([T.Flatten(), T.ToFloat(), T.Normalize(0.0, 255.0)])(image)
    checks.equal(got.dtype, np.dtype(np.float32), "the dtype of Compose([Flatten(), "
                 "ToFloat(), Normalize(0, 255)]) of a uint8 image (MNIST's transform)")
    checks.close(got, np.array([0.0, 0.2, 1.0, 0.4]), "Compose([Flatten(), ToFloat(), "
                 "Normalize(0, 255)]) of a (1, 2, 2) image [[0, 51], [255, 102]]")
