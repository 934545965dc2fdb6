"""Step 27 exercise: sin, as a DeZero function and as a Taylor series.

As in the book, this is a script's code, not the package's: it imports DeZero as any
script beside the package would. Check your answers with `make test STEP=27`.

    sin'(x) = cos(x)
    sin(x)  = x - x³/3! + x⁵/5! - ...  = sum over i of (-1)^i x^(2i+1) / (2i+1)!
"""

import math

import numpy as np
from dezero import Function


class Sin(Function):
    """y = sin(x)"""

    def forward(self, x):
        raise NotImplementedError('TODO(step 27): write Sin.forward(): NumPy has it')

    def backward(self, gy):
        """dy/dx = cos(x), times gy."""
        raise NotImplementedError('TODO(step 27): write Sin.backward(): the input is self.inputs[0]; its data is an ndarray')


def sin(x):
    return Sin()(x)


def my_sin(x, threshold=0.0001):
    """sin(x) by its Taylor series at 0 (Maclaurin), built from DeZero's operators.

    Terms are added until one is smaller than threshold (in absolute value): a smaller
    threshold means more terms, and a bigger graph for backward to walk.
    """
    raise NotImplementedError('TODO(step 27): write my_sin(): y = 0, then add (-1)^i / (2i+1)! * x ** (2i+1) for i = 0, 1, ...')
