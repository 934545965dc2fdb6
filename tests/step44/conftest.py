"""What step 44's tests share: dezero.layers as the book imports it, and NumPy's global seed."""

import numpy as np
import pytest


@pytest.fixture
def L(dezero):
    """dezero.layers, as the book imports it: `import dezero.layers as L`."""
    return dezero.layers


@pytest.fixture
def F(dezero):
    """dezero.functions, as the book imports it: `import dezero.functions as F`."""
    return dezero.functions


@pytest.fixture
def global_seed():
    """np.random.seed(n) for a test, as the book's scripts do; the state is put back after."""
    state = np.random.get_state()
    yield np.random.seed
    np.random.set_state(state)
