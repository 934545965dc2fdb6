"""Failure messages that teach: the classic mistakes, made on purpose in a copy of a
reference solution, and what the step's tests then say first (issues 9 and 14)."""

from pathlib import Path

import numpy as np
import pytest

from kata import checks, leaks, missing
from tests.runner.mutants import first_failure, mutant, run_tests
from tests.step10 import test_your_square_tests as step10
from tests.step16.test_generations import _describe

# -- numbers look the same everywhere -------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [
    (64.0, "64.0"), (np.float64(32.0), "32.0"), (np.array(32.0), "32.0"),
    (np.float64(-1.2075043856180703), "-1.207504"), (np.array(1.207504), "1.207504"),
    (np.float32(2.5), "2.5"), (3, "3"), (np.int64(3), "3"), (True, "True"),
    (np.array([1.0, 2.5]), "[1.0, 2.5]"), (np.array([[1, 2], [3, 4]]), "[[1, 2], [3, 4]]"),
    (1e-9, "1e-9"), (np.dtype("float32"), "float32"), ([np.float64(1.0)], "[1.0]"),
    ((1.0,), "(1.0,)"), (None, "None"),
], ids=repr)
def test_a_number_reads_the_same_whatever_holds_it(value, shown):
    assert checks.show(value) == shown


def test_a_variable_shows_its_data():
    class Variable:  # from step 32 on, grads are Variables
        def __init__(self, data):
            self.data = data

    assert checks.show(Variable(np.array(2.0))) == "Variable(2.0)"
    with pytest.raises(pytest.fail.Exception) as failure:
        checks.close(Variable(np.array(2.0)), np.float64(4.0), "x.grad")
    assert str(failure.value) == "x.grad: expected 4.0, got 2.0"


def test_expected_and_got_are_printed_alike():
    with pytest.raises(pytest.fail.Exception) as failure:
        checks.close(np.float64(32.0), 64.0, "x.grad")
    assert str(failure.value) == "x.grad: expected 64.0, got 32.0"
    with pytest.raises(pytest.fail.Exception) as failure:
        checks.close(np.array(1.2075043856180703), np.float64(-1.2075043856180703), "y.data")
    assert str(failure.value) == "y.data: expected -1.207504, got 1.207504"


def test_values_that_would_read_the_same_get_more_digits():
    with pytest.raises(pytest.fail.Exception) as failure:
        checks.close(1.00000012, 1.0, "y", rtol=1e-9)
    assert str(failure.value) == "y: expected 1.0, got 1.00000012"


def test_a_large_array_keeps_its_shape_when_cut():
    text = checks.show(np.arange(300.0).reshape(3, 100))
    assert text.endswith("(shape (3, 100))") and "..." in text
    assert len(text) <= checks.SHOWN_LENGTH


def test_the_type_is_named_only_where_it_is_the_point():
    with pytest.raises(pytest.fail.Exception) as failure:
        checks.is_array(np.float64(2.5), "(x * 2).data")
    assert str(failure.value) == "(x * 2).data: expected an np.ndarray, got a NumPy scalar " \
                                 "np.float64 (2.5)"
    assert checks.kind_of(np.array(2.0)) == "an np.ndarray of shape () (0-d), dtype float64 (2.0)"


def test_a_known_mistake_is_named():
    with pytest.raises(pytest.fail.Exception) as failure:
        checks.close(1.0, -1.0, "rsub(a, b)", mistakes={"the operands are swapped": 1.0})
    assert str(failure.value) == "rsub(a, b): expected -1.0, got 1.0: the operands are swapped"


# -- named mistakes (issue 14, item 2) ------------------------------------------------------------

@pytest.mark.parametrize("edit, words", [
    (("    return Sub()(x1, x0)", "    return Sub()(x0, x1)"), "that is the negation of the "
     "right result: rsub(x0, x1) computed x0 - x1"),
    (("    return Div()(x1, x0)", "    return Div()(x0, x1)"), "that is the reciprocal of the "
     "right result: rdiv(x0, x1) computed x0 / x1"),
], ids=["rsub", "rdiv"])
def test_reflected_operands_the_wrong_way_round_are_named(tmp_path, edit, words):
    out = run_tests(mutant(tmp_path, 22, "dezero.py", edit), 22,
                    "tests/step22/test_more_operators.py")
    assert words in first_failure(out), out


def test_a_no_grad_that_returns_nothing_is_named(tmp_path):
    folder = mutant(tmp_path, 18, "dezero.py", ('    return using_config("enable_backprop", '
                                                'False)', '    using_config("enable_backprop", '
                                                'False)'))
    out = run_tests(folder, 18)
    assert first_failure(out) == (
        "no_grad() returned None, not a context manager, so `with no_grad():` cannot use it: "
        "no_grad() must return using_config('enable_backprop', False)"), out
    assert "does not support the context manager protocol" not in out


# -- the right file (issue 14, item 4) ------------------------------------------------------------

NOT_OFFERED = [("    setup_variable,\n", ""), ("\nsetup_variable()\n", "\n")]


def test_a_name_defined_but_not_offered_says_where_to_offer_it(tmp_path):
    folder = mutant(tmp_path, 23, "dezero/__init__.py", *NOT_OFFERED)
    out = run_tests(folder, 23, "-k", "offers")
    package = folder / "dezero"
    assert first_failure(out).startswith(
        f"{package / 'core_simple.py'} defines `setup_variable`, but {package / '__init__.py'} "
        f"does not offer it: add `from dezero.core_simple import setup_variable` there"), out


def test_a_name_defined_nowhere_says_where_to_define_and_offer_it(tmp_path):
    mutant(tmp_path, 23, "dezero/__init__.py", *NOT_OFFERED)
    folder = mutant(tmp_path, 23, "dezero/core_simple.py",
                    ("def setup_variable(", "def setup_operators("))
    out = run_tests(folder, 23, "-k", "offers")
    package = folder / "dezero"
    assert first_failure(out).startswith(
        f"dezero has no `setup_variable`: define it in {package / 'core_simple.py'}, and offer "
        f"it in {package / '__init__.py'} (`from dezero.core_simple import setup_variable`)"), out


def test_the_home_of_a_name_comes_from_the_steps_solution(tmp_path, monkeypatch):
    package = tmp_path / "step40" / "dezero"  # a later step: several modules
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        "is_simple_core = False\nif is_simple_core:\n    from dezero.core_simple import Variable\n"
        "else:\n    from dezero.core import Variable\nfrom dezero.functions import sum_to\n"
        "import numpy as np\n__version__ = '0.1'\n")
    (package / "utils.py").write_text("def plot_dot_graph():\n    pass\n")
    monkeypatch.setattr(missing, "SOLUTIONS", tmp_path)
    assert missing.home_module(40, "Variable") == "core"  # the import that counts: the last
    assert missing.home_module(40, "sum_to") == "functions"
    assert missing.home_module(40, "__version__") == "__init__"
    assert missing.home_module(40, "utils") == "utils"
    assert missing.home_module(40, "plot_dot_graph") == "utils"
    assert missing.home_module(40, "np") is None and missing.home_module(40, "nothing") is None


def test_a_missing_name_shows_no_chained_error_in_full_tracebacks(tmp_path):
    folder = mutant(tmp_path, 23, "dezero/__init__.py", *NOT_OFFERED)
    out = run_tests(folder, 23, "--kata-full")
    assert "During handling of the above exception" not in out, out
    assert "dezero/__init__.py must call setup_variable()" in out


# -- wording (issue 14, item 5) -------------------------------------------------------------------

def test_operand_mixes_have_ids_that_do_not_read_as_subtractions():
    from tests.step22.test_more_operators import SHAPED_MIXES

    ids = [case.id for case in SHAPED_MIXES]
    assert "ndarray-minus-x, shape 2x3" in ids and "x-over-3, shape ()" in ids


def test_step_10_no_tests_mentions_unittest_classes(tmp_path):
    problem = step10.correct_run_problem({"correct": step10.Run(5, "")}, tmp_path)
    assert "unittest.TestCase" in problem


def test_step_16_names_the_output_of_a_random_graph():
    recipe = [("square", [0]), ("add", [1, 2]), ("exp", [0])]
    assert _describe(recipe, 2) == "v2 = square(v0); v3 = add(v1, v2); v4 = exp(v0); y = v3 + v4"


# -- behaviours pinned (issue 9, item 9) ----------------------------------------------------------

def without_x0(function: str) -> tuple[str, str]:
    """Step 21's add (or mul), its `x0 = as_variable(x0)` line deleted."""
    tail = "    x1 = as_variable(x1, like=x0)\n    # BEGIN SKELETON\n    # END SOLUTION\n" \
           f"    return {function}()(x0, x1)"
    return "    x0 = as_variable(x0)\n" + tail, tail


@pytest.mark.parametrize("step, test, edit", [
    (11, "tests/step11", ('        raise NotImplementedError(f"{type(self).__name__} does not '
                          'define forward()")', "        return xs")),
    (21, "tests/step21", without_x0("Add")),
    (22, "tests/step22", ("    x0 = as_variable(x0)\n    x1 = as_variable(x1, like=x0)\n"
                          "    return Div()(x1, x0)", "    x1 = as_variable(x1)\n"
                          "    return Div()(x1, x0)")),
    (20, "tests/step20", ("    return Mul()(x0, x1)", "    return Mul()(x1, x0)")),
], ids=["base forward at step 11", "add without as_variable(x0)",
        "rdiv without as_variable(x0)", "mul swaps its inputs"])
def test_a_lost_behaviour_fails_a_test(tmp_path, step, test, edit):
    out = run_tests(mutant(tmp_path, step, "dezero.py", edit), step, test)
    assert "FAILED" in out, out


# -- leaks and weak references (issue 9, items 4 and 8) --------------------------------------------

history = []  # a module global that keeps what it is given


class Keeper:
    seen = []  # a class attribute that does the same


def test_a_leak_held_by_a_global_list_names_it(tmp_path, monkeypatch):
    monkeypatch.setattr(leaks, "PICTURES", tmp_path / "leaks")
    from tests.runner.test_leaks import load, views

    dezero = load("kata_leaks_weak_outputs", views(17, Path("dezero.py")).solution)
    with pytest.raises(pytest.fail.Exception) as failure:
        with leaks.no_cycles(dezero, "y = square(x)"):
            x = dezero.Variable(np.array(2.0))
            y = dezero.square(x)
            history.append(y)
            Keeper.seen.append(x)
            del x, y
    report = str(failure.value)
    history.clear()
    Keeper.seen.clear()
    assert "No reference cycle joins them" in report
    assert "the list `history`, a global of tests/runner/test_messages.py, holds a Variable" \
        in report
    assert "the list Keeper.seen (a class attribute) holds a Variable" in report


class Holder:
    """An object that keeps what it is given in attributes (as a layer keeps its outputs)."""


def test_a_leak_held_by_an_attribute_names_it(tmp_path, monkeypatch):
    monkeypatch.setattr(leaks, "PICTURES", tmp_path / "leaks")
    from tests.runner.test_leaks import load, views

    dezero = load("kata_leaks_weak_outputs", views(17, Path("dezero.py")).solution)
    holder = Holder()
    with pytest.raises(pytest.fail.Exception) as failure:
        with leaks.no_cycles(dezero, "y = square(x)"):
            x = dezero.Variable(np.array(2.0))
            y = dezero.square(x)
            holder.outputs = [y]
            holder.last = x
            del x, y
    report = str(failure.value)
    del holder
    assert "No reference cycle joins them" in report
    assert "the list Holder.outputs (an attribute of a Holder still alive) holds a Variable" \
        in report
    assert "Holder.last (an attribute of a Holder still alive) holds a Variable" in report
    assert "Square.inputs" not in report  # a list of the survivors themselves is not a holder
