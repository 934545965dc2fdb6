"""Step 11: a Function takes a list of Variables and returns a list; Add adds two.

Step 12 goes back to calling f(x0, x1), so the tests that call with a list stop at step 11.
"""

import numpy as np
import pytest

from kata import checks


@pytest.mark.until(11)
def test_add_takes_a_list_and_returns_a_list(dezero):
    x0, x1 = dezero.Variable(np.array(2.0)), dezero.Variable(np.array(3.0))
    ys = dezero.Add()([x0, x1])
    checks.instance(ys, list, "Add()([x0, x1])")
    checks.equal(len(ys), 1, "the number of Variables in Add()([x0, x1])")
    checks.instance(ys[0], dezero.Variable, "Add()([x0, x1])[0]")
    checks.close(ys[0].data, 5.0, "Add()([Variable(2.0), Variable(3.0)])[0].data")


@pytest.mark.until(11)
def test_add_works_element_wise_on_arrays(dezero):
    rng = checks.seeded()
    a, b = rng.standard_normal((2, 3)), rng.standard_normal((2, 3))
    (y,) = dezero.Add()([dezero.Variable(a), dezero.Variable(b)])
    checks.close(y.data, a + b, "Add()([x0, x1]) on two 2x3 arrays")


@pytest.mark.until(11)
def test_add_keeps_its_inputs_and_outputs(dezero):
    x0, x1 = dezero.Variable(np.array(2.0)), dezero.Variable(np.array(3.0))
    f = dezero.Add()
    ys = f([x0, x1])
    checks.is_true(hasattr(f, "inputs") and hasattr(f, "outputs"),
                   "after f([x0, x1]), the Function must keep f.inputs and f.outputs")
    checks.is_true(len(f.inputs) == 2 and f.inputs[0] is x0 and f.inputs[1] is x1,
                   "f.inputs must be the Variables passed in, in order: [x0, x1]")
    checks.is_true(len(f.outputs) == 1 and f.outputs[0] is ys[0],
                   "f.outputs must hold the very Variables f([x0, x1]) returned")
    checks.is_true(ys[0].creator is f, "the output of f([x0, x1]) must have f as its creator")


@pytest.mark.until(11)
def test_a_function_may_return_several_outputs(dezero):
    class PlusMinus(dezero.Function):
        def forward(self, xs):
            (x,) = xs
            return x, -x

    f = PlusMinus()
    ys = f([dezero.Variable(np.array(4.0))])
    checks.equal(len(ys), 2, "the number of Variables returned by a forward() that returns 2 "
                 "arrays")
    checks.close(ys[0].data, 4.0, "first output of x, -x at x = 4.0")
    checks.close(ys[1].data, -4.0, "second output of x, -x at x = 4.0")
    checks.is_true(ys[0].creator is f and ys[1].creator is f,
                   "every output must have the function as its creator")


@pytest.mark.until(11)  # step 2's test of this calls Function()(x), as from step 12 on
def test_base_function_still_has_no_forward(dezero):
    checks.raises(NotImplementedError,
                  lambda: dezero.Function()([dezero.Variable(np.array(1.0))]),
                  "Function()([x]) called directly (the base class cannot compute anything: "
                  "its forward raises NotImplementedError)")


@pytest.mark.until(11)
def test_square_class_takes_a_list_too(dezero):
    ys = dezero.Square()([dezero.Variable(np.array(3.0))])
    checks.instance(ys, list, "Square()([x])")
    checks.close(ys[0].data, 9.0, "Square()([Variable(3.0)])[0].data")


def test_square_keeps_its_inputs(dezero):
    x = dezero.Variable(np.array(3.0))
    y = dezero.square(x)
    checks.instance(y, dezero.Variable, "square(x) (the friendly function still returns one "
                    "Variable)")
    checks.close(y.data, 9.0, "square(Variable(3.0)).data")
    checks.is_true(hasattr(y.creator, "inputs"),
                   "square(x).creator has no `inputs`: Function.__call__ must keep self.inputs")
    checks.is_true(y.creator.inputs[0] is x, "square(x).creator.inputs[0] must be x itself")


@pytest.mark.until(16)  # step 17 keeps the outputs as weak references
def test_exp_keeps_its_outputs(dezero):
    x = dezero.Variable(np.array(0.5))
    y = dezero.exp(x)
    checks.close(y.data, np.exp(0.5), "exp(Variable(0.5)).data")
    checks.is_true(hasattr(y.creator, "outputs"),
                   "exp(x).creator has no `outputs`: Function.__call__ must keep self.outputs")
    checks.is_true(y.creator.outputs[0] is y, "exp(x).creator.outputs[0] must be the result y")


def test_backward_still_works_through_a_chain(dezero):
    x = dezero.Variable(np.array(0.5))
    y = dezero.square(dezero.exp(dezero.square(x)))
    y.backward()
    expected = 4 * 0.5 * np.exp(2 * 0.5 ** 2)  # d/dx exp(x^2)^2 = 4x exp(2x^2)
    checks.close(x.grad, expected, "x.grad for y = square(exp(square(x))) at x = 0.5")
    checks.is_true(y.creator.inputs[0].creator.inputs[0].creator.inputs[0] is x,
                   "following .creator.inputs[0] back from y three times must reach x")
