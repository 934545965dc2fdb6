"""Step 18: no_grad() computes without recording the graph, and backward copes with that."""

import numpy as np

from kata import checks, leaks


def test_no_grad_records_no_graph(dezero, no_grad):
    with leaks.no_cycles(dezero, "with no_grad(): y = square(exp(x))") as probe:
        x = dezero.Variable(np.array(1.0))
        with no_grad():
            y = dezero.square(dezero.exp(x))
        checks.close(y.data, np.exp(2.0), "y = square(exp(x)) under no_grad(), x = 1.0")
        checks.is_true(y.creator is None, "y.creator for y computed under no_grad() should be "
                       "None: no graph is recorded")
        checks.equal(probe.new_objects()["Function"], 0, "Functions alive while y, computed "
                     "under no_grad(), is still held (nothing refers to them: they are freed)")
        del x, y


def test_the_graph_is_recorded_again_after_no_grad(dezero, no_grad):
    x = dezero.Variable(np.array(3.0))
    with no_grad():
        dezero.square(x)
    y = dezero.square(x)
    checks.is_true(y.creator is not None, "y = square(x) after a `with no_grad():` block "
                   "should have a creator again")
    y.backward()
    checks.close(x.grad, 6.0, "x.grad after y = square(x) (outside no_grad()); y.backward()")


def test_backward_without_a_creator_gives_ones(dezero, no_grad):
    leaf = dezero.Variable(np.array([1.0, 2.0]))
    leaf.backward()
    checks.close(leaf.grad, np.ones(2), "x.grad after x.backward() on a leaf x")
    x = dezero.Variable(np.array([1.0, 2.0]))
    with no_grad():
        y = dezero.square(x)
    y.backward()
    checks.close(y.grad, np.ones(2), "y.grad after y.backward(), y computed under no_grad()")
    checks.is_true(x.grad is None, "x.grad after y.backward(), y = square(x) computed under "
                   "no_grad(): no graph leads back to x, so it should stay None")


def test_no_grad_inside_no_grad_stays_off(dezero, no_grad):
    x = dezero.Variable(np.array(3.0))
    with no_grad():
        with no_grad():
            pass
        y = dezero.square(x)
    checks.is_true(y.creator is None, "y = square(x) after an inner no_grad() block ended, "
                   "still inside an outer one, should have no creator: using_config must put "
                   "back the value it found (False), not True")
