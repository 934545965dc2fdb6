"""What step 61's tests share: the `blocks` of small MLPs (tests/checkpoint_nets.py has
the rest)."""

import numpy as np
import pytest

from tests.checkpoint_nets import WIDTH


@pytest.fixture
def blocks(dezero):
    """blocks(n, dropout=0.0, seed=0): n blocks y = tanh(x W + b), dropout after each when
    the ratio is above 0. Weights are drawn at once (in_size given), from np.random seeded
    with `seed`: a layer that drew them at its first call, inside a checkpoint, would shift
    the random numbers of the rerun."""
    F, L = dezero.functions, dezero.layers

    class Block(dezero.Layer):
        def __init__(self, dropout):
            super().__init__()
            self.fc = L.Linear(WIDTH, dtype=np.float64, in_size=WIDTH)
            self.dropout = dropout

        def forward(self, x):
            y = F.tanh(self.fc(x))
            return F.dropout(y, self.dropout) if self.dropout else y

    def make(n, dropout=0.0, seed=0):
        np.random.seed(seed)
        made = [Block(dropout) for _ in range(n)]
        for block in made:  # biases too, so that a gradient mix-up shows
            block.fc.b.data = np.random.uniform(-0.5, 0.5, WIDTH)
        return made

    return make


