"""What step 47's tests share: dezero.functions as the book imports it."""

import numpy as np
import pytest


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
