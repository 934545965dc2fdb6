"""DeZero, step 2: functions that take a Variable and make a new one."""

import numpy as np


class Variable:
    """A named box for data: `Variable(np.array(1.0)).data` is the array put in."""

    def __init__(self, data):
        self.data = data


class Function:
    """The base of every function: unwraps the input, computes, wraps the result."""

    def __call__(self, input):
        raise NotImplementedError('TODO(step 02): write Function.__call__(): take the array out of the box, compute with forward(), box the result')

    def forward(self, x):
        """The computation itself, on ndarrays. Each concrete function defines it."""
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")


class Square(Function):
    """y = x ** 2"""

    def forward(self, x):
        raise NotImplementedError('TODO(step 02): write Square.forward()')
