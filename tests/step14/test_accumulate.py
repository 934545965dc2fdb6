"""Step 14: a variable used more than once adds up its grads; cleargrad() starts afresh."""

import numpy as np
import pytest

from kata import checks

# The classic mistake: `x.grad = gx` each time, so the last gradient replaces the others.
REPLACED = ("the gradient of one use of x only: each gradient that reaches x must be added "
            "to the one it already has (x.grad = x.grad + gx), not replace it")
# The other: `x.grad += gx` adds into the array x.grad refers to, which may be another's.
IN_PLACE = "it was changed in place"  # what the failures that diagnose it say


def test_x_plus_x(dezero):
    x = dezero.Variable(np.array(3.0))
    y = dezero.add(x, x)
    y.backward()
    checks.close(y.data, 6.0, "y = add(x, x) at x = 3")
    checks.close(x.grad, 2.0, "x.grad for y = add(x, x) (x is used twice: 1 + 1)",
                 mistakes={REPLACED: 1.0})


def test_x_used_three_times(dezero):
    x = dezero.Variable(np.array(3.0))
    y = dezero.add(dezero.add(x, x), x)
    y.backward()
    checks.close(x.grad, 3.0, "x.grad for y = add(add(x, x), x)", mistakes={REPLACED: 1.0})


def test_square_of_x_twice(dezero):
    x = dezero.Variable(np.array(3.0))
    y = dezero.add(dezero.square(x), dezero.square(x))
    y.backward()
    checks.close(x.grad, 12.0, "x.grad for y = add(square(x), square(x)) at x = 3 (2x + 2x)",
                 mistakes={REPLACED: 6.0})


def test_grads_accumulate_on_arrays(dezero):
    data = checks.seeded().uniform(-1, 1, (2, 3))
    x = dezero.Variable(data)
    dezero.add(dezero.add(x, x), dezero.square(x)).backward()
    checks.close(x.grad, 2 + 2 * data, "x.grad for y = add(add(x, x), square(x)) on a 2x3 "
                 "array (2 + 2x)")


@pytest.mark.until(15)  # step 16 gets every graph right: see tests/step16
def test_order_is_right_when_no_intermediate_is_shared(dezero):
    # Step 14 still walks the functions in stack order. That is right as long as no
    # intermediate variable feeds two functions: only the leaves are shared here.
    data = checks.seeded(1).uniform(-1, 1, 3)
    x = dezero.Variable(data)
    dezero.add(dezero.square(x), dezero.exp(x)).backward()
    checks.close(x.grad, 2 * data + np.exp(data),
                 "x.grad for y = add(square(x), exp(x)) (2x + e^x)")


def test_grads_accumulate_across_backward_calls(dezero):
    # The book keeps this behaviour: a second backward adds to the grads left by the first.
    x = dezero.Variable(np.array(3.0))
    dezero.add(x, x).backward()
    dezero.add(dezero.add(x, x), x).backward()
    checks.close(x.grad, 5.0, "x.grad after add(x, x).backward() and then "
                 "add(add(x, x), x).backward() without cleargrad() (2 + 3)")


def test_cleargrad_forgets_the_grad(dezero):
    x = dezero.Variable(np.array(3.0))
    dezero.add(x, x).backward()
    x.cleargrad()
    checks.is_true(x.grad is None, f"x.cleargrad() must set x.grad to None, got {x.grad!r}")


def test_cleargrad_between_two_backward_calls(dezero):
    x = dezero.Variable(np.array(3.0))
    dezero.add(x, x).backward()
    x.cleargrad()
    dezero.add(dezero.add(x, x), x).backward()
    checks.close(x.grad, 3.0, "x.grad of add(add(x, x), x) after x.cleargrad() (the grad of "
                 "the earlier add(x, x) must be gone)")


@pytest.mark.explains(IN_PLACE)
def test_adding_up_does_not_change_the_callers_seed(dezero):
    # Add.backward hands the same gy array to both of its inputs. Adding in place
    # (x.grad += gx) would write into that array: here the grad the caller set on y.
    x = dezero.Variable(np.array(3.0))
    y = dezero.add(x, x)
    seed = np.array(1.0)
    y.grad = seed
    y.backward()
    checks.close(x.grad, 2.0, "x.grad for y = add(x, x)")
    checks.close(seed, 1.0, "the array set as y.grad before y.backward() (it was changed in "
                 "place: write x.grad = x.grad + gx, not x.grad += gx)")


@pytest.mark.explains(IN_PLACE)
def test_adding_up_does_not_change_an_earlier_grad(dezero):
    x = dezero.Variable(np.array(3.0))
    earlier = np.array(10.0)
    x.grad = earlier
    dezero.square(x).backward()
    checks.close(x.grad, 16.0, "x.grad for square(x) at x = 3 when x.grad was 10 already "
                 "(10 + 6)")
    checks.close(earlier, 10.0, "the array x.grad held before backward (it was changed in "
                 "place: write x.grad = x.grad + gx, not x.grad += gx)")
