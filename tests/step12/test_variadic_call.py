"""Step 12: f(x0, x1, ...) with any number of inputs; a single output comes back alone."""

import numpy as np

from kata import checks


def test_add_adds_two_variables(dezero):
    y = dezero.add(dezero.Variable(np.array(2.0)), dezero.Variable(np.array(3.0)))
    checks.instance(y, dezero.Variable, "add(x0, x1)")
    checks.close(y.data, 5.0, "add(Variable(2.0), Variable(3.0)).data")


def test_add_works_element_wise_on_arrays(dezero):
    rng = checks.seeded()
    a, b = rng.standard_normal((2, 3)), rng.standard_normal((2, 3))
    y = dezero.add(dezero.Variable(a), dezero.Variable(b))
    checks.close(y.data, a + b, "add(x0, x1) on two 2x3 arrays")


def test_add_class_takes_two_variables_and_returns_one(dezero):
    y = dezero.Add()(dezero.Variable(np.array(2.0)), dezero.Variable(np.array(3.0)))
    checks.instance(y, dezero.Variable, "Add()(x0, x1) (one output comes back as it is, "
                    "not in a list)")
    checks.close(y.data, 5.0, "Add()(Variable(2.0), Variable(3.0)).data")


def test_square_class_takes_one_variable_again(dezero):
    y = dezero.Square()(dezero.Variable(np.array(3.0)))
    checks.instance(y, dezero.Variable, "Square()(x)")
    checks.close(y.data, 9.0, "Square()(Variable(3.0)).data")


def test_forward_gets_the_arrays_as_separate_arguments(dezero):
    class MulAdd(dezero.Function):
        def forward(self, a, b, c):
            return a * b + c

    y = MulAdd()(*(dezero.Variable(np.array(v)) for v in (2.0, 3.0, 4.0)))
    checks.close(y.data, 10.0, "a Function whose forward(a, b, c) returns a * b + c, "
                 "called on 2.0, 3.0, 4.0")


def test_function_keeps_its_inputs_in_order(dezero):
    x0, x1 = dezero.Variable(np.array(2.0)), dezero.Variable(np.array(3.0))
    y = dezero.add(x0, x1)
    inputs = list(y.creator.inputs)
    checks.is_true(len(inputs) == 2 and inputs[0] is x0 and inputs[1] is x1,
                   "add(x0, x1).creator.inputs must hold x0 and x1, in that order")


def test_several_outputs_come_back_together(dezero):
    class PlusMinus(dezero.Function):
        def forward(self, x):
            return x, -x

    f = PlusMinus()
    ys = f(dezero.Variable(np.array(4.0)))
    checks.is_true(isinstance(ys, (list, tuple)) and len(ys) == 2,
                   f"a function whose forward returns two arrays must return two Variables "
                   f"(in a list), got {checks.show(ys)}")
    checks.close(ys[0].data, 4.0, "first output of x, -x at x = 4.0")
    checks.close(ys[1].data, -4.0, "second output of x, -x at x = 4.0")
    checks.is_true(ys[0].creator is f and ys[1].creator is f,
                   "every output must have the function as its creator")


def test_friendly_functions_compose(dezero):
    x = dezero.Variable(np.array(0.5))
    y = dezero.add(dezero.square(x), dezero.exp(x))
    checks.close(y.data, 0.25 + np.exp(0.5), "add(square(x), exp(x)) at x = 0.5")
