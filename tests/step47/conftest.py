"""What step 47's tests share: dezero.functions as the book imports it."""

import pytest


@pytest.fixture
def F(dezero):
    """dezero.functions, as the book imports it: `import dezero.functions as F`."""
    return dezero.functions

