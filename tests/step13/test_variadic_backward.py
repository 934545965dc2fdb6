"""Step 13: backward passes every output's grad to f.backward and gives each input its grad."""

import numpy as np

from kata import checks


def test_add_passes_the_gradient_to_both_inputs(dezero):
    x, y = dezero.Variable(np.array(2.0)), dezero.Variable(np.array(3.0))
    z = dezero.add(dezero.square(x), dezero.square(y))
    z.backward()
    checks.close(z.data, 13.0, "z = add(square(x), square(y)) at x = 2, y = 3")
    checks.close(x.grad, 4.0, "x.grad for z = add(square(x), square(y)) at x = 2, y = 3")
    checks.close(y.grad, 6.0, "y.grad for z = add(square(x), square(y)) at x = 2, y = 3")


def test_add_of_two_leaves_gives_each_the_output_grad(dezero):
    rng = checks.seeded()
    x0 = dezero.Variable(rng.standard_normal((2, 3)))
    x1 = dezero.Variable(rng.standard_normal((2, 3)))
    dezero.add(x0, x1).backward()
    checks.close(x0.grad, np.ones((2, 3)), "x0.grad for y = add(x0, x1) with 2x3 arrays")
    checks.close(x1.grad, np.ones((2, 3)), "x1.grad for y = add(x0, x1) with 2x3 arrays")


def test_gradients_match_numerical_ones(dezero):
    rng = checks.seeded(1)
    a, b = rng.uniform(-1, 1, 4), rng.uniform(-1, 1, 4)

    def f(a, b):
        return dezero.add(dezero.exp(dezero.Variable(a)), dezero.square(dezero.Variable(b)))

    x0, x1 = dezero.Variable(a), dezero.Variable(b)
    z = dezero.add(dezero.exp(x0), dezero.square(x1))
    z.backward()
    checks.close(x0.grad, checks.numerical_grad(lambda v: f(v, b).data, a),
                 "x0.grad for add(exp(x0), square(x1)), against a numerical gradient",
                 rtol=1e-5)
    checks.close(x1.grad, checks.numerical_grad(lambda v: f(a, v).data, b),
                 "x1.grad for add(exp(x0), square(x1)), against a numerical gradient",
                 rtol=1e-5)


def test_each_input_gets_the_grad_in_its_position(dezero):
    class MulAdd(dezero.Function):
        """y = a * b + c"""

        def forward(self, a, b, c):
            return a * b + c

        def backward(self, gy):
            a, b, _ = (x.data for x in self.inputs)
            return gy * b, gy * a, gy

    a, b, c = (dezero.Variable(np.array(v)) for v in (2.0, 3.0, 4.0))
    MulAdd()(a, b, c).backward()
    checks.close(a.grad, 3.0, "a.grad for y = a * b + c at a, b, c = 2, 3, 4 (dy/da = b)")
    checks.close(b.grad, 2.0, "b.grad for y = a * b + c at a, b, c = 2, 3, 4 (dy/db = a)")
    checks.close(c.grad, 1.0, "c.grad for y = a * b + c at a, b, c = 2, 3, 4 (dy/dc = 1)")


def test_backward_gets_one_grad_per_output(dezero):
    class SquareAndCube(dezero.Function):
        def forward(self, x):
            return x ** 2, x ** 3

        def backward(self, gy0, gy1):
            x = self.inputs[0].data
            return 2 * x * gy0 + 3 * x ** 2 * gy1

    x = dezero.Variable(np.array(2.0))
    y0, y1 = SquareAndCube()(x)
    y1.grad = np.array(10.0)  # as if y1 had been used elsewhere
    y0.backward()
    checks.close(x.grad, 2 * 2.0 * 1.0 + 3 * 2.0 ** 2 * 10.0,
                 "x.grad when SquareAndCube's backward gets gy0 = 1 (from y0.backward()) and "
                 "gy1 = 10 (y1.grad): backward must call f.backward(*grads of all outputs)")
