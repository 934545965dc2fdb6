"""Step 36: double backprop, the gradient of an expression that contains a gradient.

The book's example: y = x², its gradient gx = dy/dx = 2x, and z = gx³ + y. z is built from
a gradient, so gx must come with its graph (create_graph=True); then z.backward() gives
dz/dx = 24x² + 2x (100 at x = 2). Optimising a loss that contains a gradient, as gradient
penalties in neural networks do, needs exactly this.
"""


# BEGIN NEW
def z_of(x):
    """z = gx³ + y, where y = x² and gx = dy/dx, as a Variable with its graph back to x."""
    # BEGIN SOLUTION: y = x ** 2; y.backward(create_graph=True); gx = x.grad; clear x's grad
    y = x ** 2
    x.cleargrad()
    y.backward(create_graph=True)
    gx = x.grad
    x.cleargrad()  # z's grad must not be added to gx; and x -> gx -> ... -> x is broken
    return gx ** 3 + y
    # END SOLUTION


def grad_of_z(x):
    """dz/dx at the Variable x, as a Variable (left in x.grad too): 100.0 at x = 2.0."""
    # BEGIN SOLUTION: z_of(x), then a plain backward of z
    z = z_of(x)
    z.backward()  # plain: nothing differentiates this result again
    return x.grad
    # END SOLUTION
# END NEW
