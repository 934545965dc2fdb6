"""Preprocessing, one example at a time: `Dataset(transform=Compose([Flatten(), ToFloat(),
Normalize(0.0, 255.0)]))` gives each image as a flat float32 vector in [0, 1]."""

import numpy as np


class Compose:
    """The transforms in order, as one: Compose([f, g])(x) is g(f(x))."""

    def __init__(self, transforms=None):
        self.transforms = list(transforms) if transforms is not None else []

    def __call__(self, x):
        for transform in self.transforms:
            x = transform(x)
        return x


class Normalize:
    """(x - mean) / std. For an image of shape (C, H, W), mean and std may give one value
    per channel. A float array keeps its dtype: float32 stays float32."""

    def __init__(self, mean=0, std=1):
        self.mean = mean
        self.std = std

    def __call__(self, array):
        mean, std = self.mean, self.std
        if not np.isscalar(mean) or not np.isscalar(std):  # per channel: (C,) -> (C, 1, 1)
            shape = (-1,) + (1,) * (array.ndim - 1)
            mean = np.asarray(mean).reshape(shape)
            std = np.asarray(std).reshape(shape)
        if np.issubdtype(array.dtype, np.floating):  # numbers of the array's own precision
            mean, std = np.asarray(mean, array.dtype), np.asarray(std, array.dtype)
        return (array - mean) / std


class Flatten:
    """An array as one flat vector: an image (1, 28, 28) becomes (784,)."""

    def __call__(self, array):
        return array.flatten()


class AsType:
    """The array converted to dtype."""

    def __init__(self, dtype=np.float32):
        self.dtype = dtype

    def __call__(self, array):
        return array.astype(self.dtype)


ToFloat = AsType  # ToFloat() converts to float32, ToFloat(np.float64) to float64


class ToInt(AsType):
    """The array converted to an integer dtype (int64 unless told)."""

    def __init__(self, dtype=np.int64):
        self.dtype = dtype
