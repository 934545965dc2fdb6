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
WORDS = {"+": "plus", "*": "times", "-": "minus", "/": "over"}  # test ids: no `-` as a sign


def shape_id(shape) -> str:
    """`shape 2x3`, `shape ()`: the shape part of a test id."""
    return f"shape {'x'.join(map(str, shape))}" if shape else "shape ()"


def mixes(operators, shapes=None):
    """Each (symbol, operator) with each kind of operand, on each side of the Variable x;
    with `shapes`, each of those for each shape of x (the test's last parameter).

    The test id spells the operator (`ndarray-minus-x, shape 2x3`): pytest joins the parts
    of an id with `-`, which would read as a subtraction.
    """
    cases = []
    for symbol, op in operators:
        for name, make in OTHERS:
            for variable_first in (True, False):
                text = f"x {symbol} {name}" if variable_first else f"{name} {symbol} x"
                spelled = text.replace(f" {symbol} ", f"-{WORDS[symbol]}-")
                if shapes is None:
                    cases.append(pytest.param(op, make, variable_first, text, id=spelled))
                    continue
                cases += [pytest.param(op, make, variable_first, text, shape,
                                       id=f"{spelled}, {shape_id(shape)}") for shape in shapes]
    return cases


def combine(op, x, other, variable_first):
    return op(x, other) if variable_first else op(other, x)
