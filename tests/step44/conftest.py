"""What step 44's tests share: dezero.layers as the book imports it (np.random's
seed is the kata plugin's `global_seed`)."""

import pytest


@pytest.fixture
def L(dezero):
    """dezero.layers, as the book imports it: `import dezero.layers as L`."""
    return dezero.layers


@pytest.fixture
def F(dezero):
    """dezero.functions, as the book imports it: `import dezero.functions as F`."""
    return dezero.functions

