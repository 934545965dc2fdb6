"""DeZero's functions beyond the operators: `import dezero.functions as F`, then F.exp(x).

The book fills this module from step 34 on (F.sin, F.cos, F.tanh, ...). The functions of the
first steps stay in dezero/core.py, where the tests of those steps find them; this module
offers them under F as well.
"""

import numpy as np  # noqa: F401  (the functions of steps 34 and 35 compute with it)

# Function is the base of the functions to come; exp and square are offered: F.exp(x)
from dezero.core import Function, exp, square  # noqa: F401


# BEGIN NEW
class Sin(Function):
    """y = sin(x)"""

    def forward(self, x):
        # BEGIN SOLUTION: NumPy's sine of the ndarray
        return np.sin(x)
        # END SOLUTION

    def backward(self, gy):
        """dy/dx = cos(x), written with dezero's cos so that it can be recorded too."""
        # BEGIN SOLUTION: gy times cos of the input Variable
        x = self.inputs[0]
        return gy * cos(x)
        # END SOLUTION


class Cos(Function):
    """y = cos(x)"""

    def forward(self, x):
        # BEGIN SOLUTION: NumPy's cosine of the ndarray
        return np.cos(x)
        # END SOLUTION

    def backward(self, gy):
        """dy/dx = -sin(x): with Sin's backward, derivatives go round sin, cos, -sin, -cos."""
        # BEGIN SOLUTION: gy times minus sin of the input Variable
        x = self.inputs[0]
        return gy * -sin(x)
        # END SOLUTION


def sin(x):
    """sin(x), remembered for backward."""
    # BEGIN SOLUTION: call a Sin function on x
    return Sin()(x)
    # END SOLUTION


def cos(x):
    """cos(x), remembered for backward."""
    # BEGIN SOLUTION: call a Cos function on x
    return Cos()(x)
    # END SOLUTION
# END NEW
