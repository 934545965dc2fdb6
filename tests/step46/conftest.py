"""What step 46's tests share: dezero.optimizers, and a layer whose parameters are set by
hand (data and grads), so that one update can be checked against its formula."""

import numpy as np
import pytest


@pytest.fixture
def optimizers(dezero):
    """dezero.optimizers, as the book imports it: `from dezero import optimizers`."""
    return dezero.optimizers


@pytest.fixture
def F(dezero):
    return dezero.functions



@pytest.fixture
def two_params(dezero):
    """make(dtype) -> a Layer with Parameters a (shape (3,)) and b (shape (2, 2))."""

    def make(dtype=np.float64):
        class Two(dezero.Layer):
            def __init__(self):
                super().__init__()
                self.a = dezero.Parameter(np.array([1.0, -2.0, 0.5], dtype=dtype), name="a")
                self.b = dezero.Parameter(np.array([[0.3, 0.0], [-1.0, 2.0]], dtype=dtype),
                                          name="b")

        return Two()

    return make
