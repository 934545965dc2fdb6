"""The operand mixes steps 21 and 22 check every operator with (shared test data).

A Variable x meets each kind of operand on each side: `x + 2.5`, `2.5 + x`, ...
"""

import numpy as np
import pytest

# The operand that meets a Variable: a name for the test id, and a way to make it.
OTHERS = [
    ("ndarray", lambda shape: np.linspace(0.5, 2.0, int(np.prod(shape))).reshape(shape)),
    ("2.5", lambda shape: 2.5),
    ("3", lambda shape: 3),
    ("np.float64(2.5)", lambda shape: np.float64(2.5)),
    ("np.float32(2.5)", lambda shape: np.float32(2.5)),
    ("np.int64(3)", lambda shape: np.int64(3)),
]
SHAPES = [(2, 3), ()]


def mixes(operators):
    """Each (symbol, operator) with each kind of operand, on each side of the Variable x."""
    cases = []
    for symbol, op in operators:
        for name, make in OTHERS:
            for variable_first in (True, False):
                text = f"x {symbol} {name}" if variable_first else f"{name} {symbol} x"
                cases.append(pytest.param(op, make, variable_first, text, id=text))
    return cases


def combine(op, x, other, variable_first):
    return op(x, other) if variable_first else op(other, x)
