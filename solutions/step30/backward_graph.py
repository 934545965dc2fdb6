# BEGIN NEW
"""Steps 30-31 exercise: the computations of backward, made into a graph of their own.

DeZero's backward computes with ndarrays: Sin's backward works out `gy * cos(x)` and
leaves nothing behind but the number. Written with Variables instead, the same
computation is a forward pass like any other: it builds a graph, from x to the gradient
gx. Step 31 then calls backward on that graph, and gets the second derivative.

Step 30 (here): write backward's computations with Variables, by hand.
Check your answers with `make test STEP=30`.
"""

import numpy as np
from dezero import Function, Variable, square


class Sin(Function):
    """y = sin(x) (step 27)"""

    def forward(self, x):
        return np.sin(x)

    def backward(self, gy):
        return gy * np.cos(self.inputs[0].data)


class Cos(Function):
    """y = cos(x)"""

    def forward(self, x):
        # BEGIN SOLUTION: NumPy has it
        return np.cos(x)
        # END SOLUTION


def sin(x):
    return Sin()(x)


def cos(x):
    return Cos()(x)


def sin_backward(x, gy):
    """What Sin.backward computes, gy · cos(x), for Variables x and gy: with DeZero's
    functions and operators, so the result is a Variable with a graph behind it."""
    # BEGIN SOLUTION: cos(x) is a Variable; the operator * makes the Mul
    return gy * cos(x)
    # END SOLUTION


def square_backward(x, gy):
    """What Square.backward computes, 2 · x · gy, with Variables."""
    # BEGIN SOLUTION
    return 2 * x * gy
    # END SOLUTION


def grad_of_sin_of_square(x):
    """d/dx sin(x²) for a Variable x, as backward would compute it, but with Variables.

    Forward: a = square(x) (y = sin(a) is not needed: the gradient uses only the inputs).
    Backward, from the output to x: gy = 1, then Sin's step gives ga, then Square's gives gx.
    """
    # BEGIN SOLUTION: a = square(x); gy = Variable(np.ones_like(a.data)); then the two steps
    a = square(x)
    gy = Variable(np.ones_like(a.data))  # dy/dy = 1
    ga = sin_backward(a, gy)
    return square_backward(x, ga)
    # END SOLUTION
# END NEW
