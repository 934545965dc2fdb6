"""Step 36: double backprop, the gradient of an expression that contains a gradient.

The book's example: y = x², its gradient gx = dy/dx = 2x, and z = gx³ + y. z is built from
a gradient, so gx must come with its graph (create_graph=True); then z.backward() gives
dz/dx = 24x² + 2x (100 at x = 2). Optimising a loss that contains a gradient, as gradient
penalties in neural networks do, needs exactly this.
"""


def z_of(x):
    """z = gx³ + y, where y = x² and gx = dy/dx, as a Variable with its graph back to x."""
    raise NotImplementedError("TODO(step 36): write z_of(): y = x ** 2; y.backward(create_graph=True); gx = x.grad; clear x's grad")


def grad_of_z(x):
    """dz/dx at the Variable x, as a Variable (left in x.grad too): 100.0 at x = 2.0."""
    raise NotImplementedError('TODO(step 36): write grad_of_z(): z_of(x), then a plain backward of z')
