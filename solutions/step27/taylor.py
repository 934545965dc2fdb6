# BEGIN NEW
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
        # BEGIN SOLUTION: NumPy has it
        return np.sin(x)
        # END SOLUTION

    def backward(self, gy):
        """dy/dx = cos(x), times gy."""
        # BEGIN SOLUTION: the input is self.inputs[0]; its data is an ndarray
        x = self.inputs[0].data
        return gy * np.cos(x)
        # END SOLUTION


def sin(x):
    return Sin()(x)


def my_sin(x, threshold=0.0001):
    """sin(x) by its Taylor series at 0 (Maclaurin), built from DeZero's operators.

    Terms are added until one is smaller than threshold (in absolute value): a smaller
    threshold means more terms, and a bigger graph for backward to walk.
    """
    # BEGIN SOLUTION: y = 0, then add (-1)^i / (2i+1)! * x ** (2i+1) for i = 0, 1, ...
    y = 0
    for i in range(100000):
        c = (-1) ** i / math.factorial(2 * i + 1)
        t = c * x ** (2 * i + 1)
        y = y + t
        if abs(t.data) < threshold:
            break
    return y
    # END SOLUTION
# END NEW
