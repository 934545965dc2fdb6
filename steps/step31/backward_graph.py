"""Steps 30-31 exercise: the computations of backward, made into a graph of their own.

Step 30 wrote backward's computations with Variables, so the gradient gx of sin(x) (or of
sin(x²)) has a graph behind it, from x to gx. That graph is a computation like any other:
calling gx.backward() differentiates it, and leaves in x.grad the derivative of the
derivative, the second derivative.

Step 31 (here): Cos gets its backward, and the second derivatives come from backward.
Check your answers with `make test STEP=31`.
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
        return np.cos(x)

    def backward(self, gy):
        """dy/dx = -sin(x), times gy (with ndarrays, as every backward of the package)."""
        raise NotImplementedError('TODO(step 31): write Cos.backward(): the input is self.inputs[0]')


def sin(x):
    return Sin()(x)


def cos(x):
    return Cos()(x)


def sin_backward(x, gy):
    """What Sin.backward computes, gy · cos(x), with Variables (step 30)."""
    return gy * cos(x)


def square_backward(x, gy):
    """What Square.backward computes, 2 · x · gy, with Variables (step 30)."""
    return 2 * x * gy


def grad_of_sin_of_square(x):
    """d/dx sin(x²) for a Variable x, as a graph built by hand (step 30)."""
    a = square(x)
    gy = Variable(np.ones_like(a.data))  # dy/dy = 1
    ga = sin_backward(a, gy)
    return square_backward(x, ga)


def second_derivative_of_sin(x):
    """d²/dx² sin(x) at the Variable x: the gradient's graph, differentiated by backward."""
    raise NotImplementedError('TODO(step 31): write second_derivative_of_sin(): gx = sin_backward(x, ones); then gx.backward() fills x.grad')


def second_derivative_of_sin_of_square(x):
    """d²/dx² sin(x²) at the Variable x, the same way."""
    raise NotImplementedError('TODO(step 31): write second_derivative_of_sin_of_square(): the graph of grad_of_sin_of_square(x), then backward')
