"""tests/properties.py: what a learner reads when a property-based gradient test fails.

A mistake put into a reference solution (tests/runner/mutants.py) must fail with the
function, the shapes and what was expected, on an example Hypothesis shrank to a small
one, and the same way on every run (derandomized).
"""

from tests.runner.mutants import first_failure, mutant, run_tests

# Step 40's lesson undone: Mul's backward returns grads of the output's (broadcast) shape.
MUL_WITHOUT_SUM_TO = ("        if x0.shape != x1.shape:\n"
                      "            gx0 = dezero.functions.sum_to(gx0, x0.shape)\n"
                      "            gx1 = dezero.functions.sum_to(gx1, x1.shape)\n"
                      "        return gx0, gx1\n"
                      "        # BEGIN SKELETON\n"
                      "        # return gy * x1, gy * x0\n",
                      "        return gx0, gx1\n"
                      "        # BEGIN SKELETON\n"
                      "        # return gy * x1, gy * x0\n")
# Mul's grads swapped: right shapes, wrong values.
MUL_SWAPPED = ("        return gy * x1, gy * x0\n", "        return gy * x0, gy * x1\n")


def test_a_broadcast_grad_names_the_function_and_a_small_example(tmp_path):
    folder = mutant(tmp_path, 40, "dezero/core.py", MUL_WITHOUT_SUM_TO)
    args = ("tests/step40/test_broadcast.py", "-k", "between_broadcast_shapes")
    out = run_tests(folder, 40, *args)
    failure = first_failure(out)
    assert failure.startswith("x0 * x1 with x0 of shape "), out
    assert "the backward of Mul gave x" in failure, out
    assert "a grad has its input's shape" in failure, out
    assert "sum_to" in failure, out
    # shrunk: one of the inputs is 0-d or has one element on one axis
    assert "of shape ()" in failure or "of shape (1,)" in failure, failure
    assert first_failure(run_tests(folder, 40, *args)) == failure, "not derandomized"


def test_a_wrong_value_says_expected_and_got(tmp_path):
    folder = mutant(tmp_path, 37, "dezero/core.py", MUL_SWAPPED)
    out = run_tests(folder, 37, "tests/step37/test_tensor_grads.py", "-k", "two_input")
    failure = first_failure(out)
    assert failure.startswith("x0 * x1 with x0 of shape "), out
    assert ".grad against a numerical gradient: expected " in failure, out
    assert ", got " in failure, out
