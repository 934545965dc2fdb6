"""The failure shown in full is the one that explains (issue 22, section 3).

Each case is a learner's mistake put into a reference solution (tests/runner/mutants.py):
the failure shown in full, last, must be the test that says what is wrong, and "in your
code" the learner's line that caused it.
"""

import numpy as np
import pytest

from kata import checks, ordering
from tests.runner.mutants import first_failure, mutant, run_tests


def shown_in_full(out: str) -> str:
    """The failure shown in full: from its FAILED line to the summary."""
    lines = out.splitlines()
    start = max(index for index, line in enumerate(lines) if line.startswith("FAILED "))
    end = next(index for index in range(start, len(lines)) if lines[index].startswith("Step "))
    return "\n".join(lines[start:end])


# -- kata.checks.close names a known mistake whatever is wrong: the shape too ---------------------

def test_a_known_mistake_of_another_shape_is_named():
    with pytest.raises(pytest.fail.Exception) as failure:
        checks.close(np.ones(3), [3.0], "x1.grad",
                     mistakes={"sum it to x1's shape with sum_to": [1.0, 1.0, 1.0]})
    assert str(failure.value) == "x1.grad: expected shape (1,), got shape (3,) ([1.0, 1.0, " \
                                 "1.0]): sum it to x1's shape with sum_to"
    assert getattr(failure.value, checks.NAMED_MISTAKE)


def test_step_40_add_without_sum_to_is_named(tmp_path):
    folder = mutant(tmp_path, 40, "dezero/core.py", (
        "        gx0, gx1 = gy, gy\n"
        "        if self.x0_shape != self.x1_shape:\n"
        "            gx0 = dezero.functions.sum_to(gx0, self.x0_shape)\n"
        "            gx1 = dezero.functions.sum_to(gx1, self.x1_shape)\n"
        "        return gx0, gx1\n", "        return gy, gy\n"))
    out = run_tests(folder, 40)
    assert first_failure(out).endswith("Add's backward gives x1 gy itself, of x0's shape: sum "
                                       "it to x1's shape with sum_to"), out


# -- a kata diagnosis outranks a bare exception raised by a test's own line -----------------------

def test_a_bare_exception_in_a_test_file_ranks_last():
    assert ordering.rank(False, False, raw=True) == ordering.RAW
    assert ordering.rank(True, False, raw=True) == ordering.EXPLAINS
    raw = ordering.Failure("test_a", "t::test_a", "AttributeError: no shape", ordering.RAW, 0)
    check = ordering.Failure("test_b", "t::test_b", "params() gave a Layer", ordering.OTHER, 1)
    assert ordering.ordered([raw, check]) == [check, raw]


def test_step_45_nested_layers_not_recursed_shows_what_params_gave(tmp_path):
    folder = mutant(tmp_path, 45, "dezero/layers.py", (
        "            obj = self.__dict__[name]\n"
        "            if isinstance(obj, Layer):\n"
        "                yield from obj.params()\n"
        "            else:\n"
        "                yield obj\n", "            yield self.__dict__[name]\n"))
    out = run_tests(folder, 45)
    assert first_failure(out).startswith("outer.params() should give Parameters only"), out
    gave = shown_in_full(out).split("it gave ", 1)[-1]  # in the order params() went
    assert all(name in gave for name in ("'Parameter'", "'Inner'", "'Linear'")), out


# -- explains markers: the test that says the cause is shown ---------------------------------------

def test_step_32_graph_always_recorded_names_using_config(tmp_path):
    folder = mutant(tmp_path, 32, "dezero/core.py", (
        '            with using_config("enable_backprop", create_graph):',
        '            with using_config("enable_backprop", True):'))
    out = run_tests(folder, 32)
    assert first_failure(out).startswith("x.grad.creator is an Add after backward(create_graph="
                                         "False): backward must run its functions under "
                                         "using_config('enable_backprop', create_graph)"), out


def test_step_32_leak_report_points_at_step_32s_guide(tmp_path):
    folder = mutant(tmp_path, 32, "dezero/core.py", (
        '            with using_config("enable_backprop", create_graph):',
        '            with using_config("enable_backprop", True):'))
    out = run_tests(folder, 32, "tests/step32/test_grad_cycle.py", "-k", "plain_backward")
    assert "What to change: steps/step32/README.md (how to read this report: " \
           "steps/step17/README.md, \"Reading a leak report\")." in out, out


def test_step_57_col2im_assigning_names_the_adjoint(tmp_path):
    folder = mutant(tmp_path, 57, "dezero/functions_conv.py", (
        "            img[:, :, rows, _strided(dx, SW, OW)] += col[:, :, dy, dx, :, :]",
        "            img[:, :, rows, _strided(dx, SW, OW)] = col[:, :, dy, dx, :, :]"))
    out = run_tests(folder, 57)
    assert "col2im must add each column back where im2col took it from, overlaps summed" \
        in first_failure(out), out


def test_step_61_graph_kept_during_forward_says_no_grad(tmp_path):
    folder = mutant(tmp_path, 61, "dezero/utils.py", (
        "        with no_grad():  # nothing of fn's graph is recorded: its functions die at once",
        "        if True:"))
    out = run_tests(folder, 61)
    failure = first_failure(out)
    assert "checkpoint's forward must run fn under no_grad()" in failure, out
    assert failure.startswith("the blocks' Functions alive after each block that the forward "
                              "pass ran with the graph recorded (there should be no such "
                              "block): "), out  # what the numbers count


def books_load(tmp_path):
    """Step 53's load_weights as the book writes it: np.load, then each parameter in turn."""
    return mutant(tmp_path, 53, "dezero/layers.py", (
        "        params_dict = {}\n"
        "        self._flatten_params(params_dict)\n"
        "        arrays = _read_weights(_npz_path(path))\n"
        "        problems = _mismatches(params_dict, arrays)\n"
        "        if problems:\n"
        "            raise WeightsError(f\"{path} does not fit this {type(self).__name__}: \"\n"
        "                               f\"{'; '.join(problems)}\")\n"
        "        for key, param in params_dict.items():\n"
        "            param.data = arrays[key]\n",
        "        npz = np.load(_npz_path(path))\n"
        "        params_dict = {}\n"
        "        self._flatten_params(params_dict)\n"
        "        for key, param in params_dict.items():\n"
        "            param.data = npz[key]\n"))


def test_step_53_the_books_load_says_all_or_nothing(tmp_path):
    out = run_tests(books_load(tmp_path), 53)
    failure = first_failure(out)
    assert "must check the whole file against the model (its keys, their shapes) before it " \
           "sets any parameter" in failure, out
    assert "DID NOT RAISE" not in out, out


def test_step_53_the_books_load_of_a_broken_file_says_what_to_do(tmp_path):
    out = run_tests(books_load(tmp_path), 53, "-k", "truncated or corrupt_array")
    assert "load_weights of a truncated file must turn what np.load raises (BadZipFile, " \
           "OSError) into one ValueError naming the file" in out, out
    assert "got BadZipFile" in out, out  # what happened is still said
    assert "load_weights of a file whose entries are not arrays (np.load gives their raw " \
           "bytes): it must read and check the whole file first" in out, out
    assert "to be raised, but nothing was raised" not in out, out  # pytest.raises's words

# -- "in your code": the learner's frame that caused it ------------------------------------------

def test_step_57_max_backward_is_pointed_at_not_broadcast_to(tmp_path):
    folder = mutant(tmp_path, 57, "dezero/functions.py", (
        "        return broadcast_to(reshape(gy, peak.shape), x.shape) * winners",
        "        return broadcast_to(gy, x.shape) * winners"))
    shown = shown_in_full(run_tests(folder, 57))
    where = shown.split("in your code: ", 1)[-1]
    assert where.startswith(f"{folder / 'dezero' / 'functions.py'}:"), shown
    assert "in Max.backward(): return broadcast_to(gy, x.shape) * winners" in where, shown
    assert "failed inside " in where and "in BroadcastTo.forward(): return xp.broadcast_to(x, " \
        "self.shape)" in where, shown  # where it broke is still said, second


# -- step 17: a raw AttributeError about a weak reference says what it means --------------------

@pytest.mark.parametrize("edit, cause", [
    (("            output = ref()\n", "            output = ref\n"),
     "a weak reference is not its object: call it, ref()"),
    (("            if output is not None and output.grad is not None:\n",
      "            if output.grad is not None:\n"),
     "None here may be a weak reference whose object is gone"),
], ids=["ref-not-called", "dead-output-not-checked"])
def test_step_17_weak_reference_mistakes_say_what_the_error_means(tmp_path, edit, cause):
    out = run_tests(mutant(tmp_path, 17, "dezero.py", edit), 17, "tests/step17")
    shown = shown_in_full(out)
    assert "AttributeError" in shown and cause in " ".join(shown.split()), out
