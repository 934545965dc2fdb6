"""Step 37: DeZero on tensors. Nothing changes in dezero: its functions were element-wise all
along, because NumPy's are.

A function applied element by element has a diagonal Jacobian: each y[i] depends on x[i]
alone. So one backward, seeded with ones of y's shape, gives every dy[i]/dx[i] at once, in
x.grad, which has x's shape. This file uses that, and checks it against a numerical
gradient that works element by element too.
"""

import dezero.functions as F
import numpy as np
from dezero import Variable


def sin_plus(x, c):
    """y = sin(x) + c, element by element (the book's example: x and c of shape (2, 3))."""
    raise NotImplementedError('TODO(step 37): write sin_plus(): F.sin and the + operator')


def elementwise_grad(f, data):
    """The derivative of the element-wise function f at every element of data, as an
    ndarray of data's shape: x = Variable(data), y = f(x), one y.backward()."""
    raise NotImplementedError('TODO(step 37): write elementwise_grad(): backward seeds y.grad with ones: x.grad[i] is then dy[i]/dx[i]')


def numerical_grad(f, data, eps=1e-4):
    """The gradient of sum(f(x)) at x = data, by central difference, element by element.

    f takes and returns Variables. For an element-wise f it equals elementwise_grad(f, data);
    it also works for any other f, only slowly: two forwards per element.
    """
    raise NotImplementedError('TODO(step 37): write numerical_grad(): nudge one element at a time by ±eps (np.ndindex visits every index)')
