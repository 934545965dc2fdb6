"""Small MLPs made of blocks, run plainly or through dezero.utils.checkpoint (step 61).

A block is y = tanh(x W + b), with F.dropout after it when asked; the network is a list of
blocks, run in segments, each segment one checkpoint (or the plain graph).
"""

import numpy as np

WIDTH = 3  # features in and out of every block
BATCH = 2


def sequence(layers, probe=None, residual=False):
    """fn(x) = layers[-1](... layers[0](x)), probe(h) called after each layer if given;
    residual: each layer adds to its input, x + layer(x)."""
    def fn(x):
        for layer in layers:
            x = x + layer(x) if residual else layer(x)
            if probe is not None:
                probe(x)
        return x
    return fn


def segments(dezero, layers, size, residual=False, probe=None):
    """The network as a function of x: the layers in segments of `size`, each run through
    checkpoint (size=0: the plain graph, no checkpoint); residual: x + layer(x) per layer."""
    def run(x):
        for start in range(0, len(layers), size or len(layers)):
            part = sequence(layers[start:start + (size or len(layers))], probe, residual)
            x = dezero.utils.checkpoint(part, x) if size else part(x)
        return x
    return run


def loss_of(dezero, y):
    """A scalar loss that weighs every output differently: sum(y * y + c * y)."""
    c = np.linspace(-1.0, 1.0, y.size).reshape(y.shape)
    return dezero.functions.sum(y * y + c * y)


def data(seed=1):
    return np.random.default_rng(seed).uniform(-1.0, 1.0, (BATCH, WIDTH))
