"""kata.maintainer.markers: one marked solution file, three views."""

import pytest

from kata.maintainer.markers import MarkerError, render

SOLUTION = '''\
import numpy as np
# BEGIN SOLUTION: import what backward needs
import weakref
# BEGIN SKELETON
# END SOLUTION


class Variable:
    def backward(self):
        # BEGIN SOLUTION: accumulate instead of overwriting
        self.grad = self.grad + 1
        # BEGIN SKELETON
        # self.grad = 1
        #
        # pass
        # END SOLUTION


# BEGIN NEW
def square(x):
    """Square x."""
    # BEGIN SOLUTION: call Square
    return x * x
    # END SOLUTION
# END NEW
'''


def test_solution_view_drops_markers_and_old_code():
    views = render(SOLUTION, 14)
    assert "BEGIN" not in views.solution and "END" not in views.solution
    assert "self.grad = self.grad + 1" in views.solution
    assert "# self.grad = 1" not in views.solution
    assert "import weakref" in views.solution


def test_skeleton_stubs_new_bodies_naming_step_and_function():
    skeleton = render(SOLUTION, 14).skeleton
    assert "    raise NotImplementedError('TODO(step 14): write square(): call Square')" in skeleton
    assert '    """Square x."""' in skeleton  # signature and docstring are kept
    assert "return x * x" not in skeleton


def test_skeleton_keeps_the_old_code_of_a_change_under_a_todo():
    skeleton = render(SOLUTION, 14).skeleton
    expected = ("        # TODO(step 14): accumulate instead of overwriting\n"
                "        self.grad = 1\n\n        pass\n")
    assert expected in skeleton
    assert "# TODO(step 14): import what backward needs\nclass" not in skeleton
    assert "import weakref" not in skeleton


def test_previous_view_is_the_file_before_the_step():
    previous = render(SOLUTION, 14).previous
    assert "def square" not in previous
    assert "TODO" not in previous
    assert "        self.grad = 1\n\n        pass\n" in previous
    assert "import weakref" not in previous


def test_a_file_without_markers_is_the_same_in_every_view():
    text = "x = 1\n\n\ndef f():\n    return x\n"
    views = render(text, 3)
    assert views.solution == views.skeleton == views.previous == text


@pytest.mark.parametrize("text, problem", [
    ("# BEGIN SOLUTION\nx = 1\n", "no matching END"),
    ("# END SOLUTION\n", "END SOLUTION without BEGIN SOLUTION"),
    ("# BEGIN NEW\n# BEGIN NEW\n", "BEGIN NEW inside another region"),
    ("# BEGIN SKELETON\n", "BEGIN SKELETON outside a SOLUTION region"),
    ("    # BEGIN SOLUTION\n    x = 2\n    # BEGIN SKELETON\n    x = 1\n    # END SOLUTION\n",
     "must be commented out"),
])
def test_bad_markers_are_reported_with_file_and_line(text, problem):
    with pytest.raises(MarkerError, match=problem) as error:
        render(text, 5, where="solutions/step05/dezero.py")
    assert "solutions/step05/dezero.py" in str(error.value)


def test_a_todo_goes_below_the_docstring_it_would_otherwise_displace():
    text = ('class Variable:\n    # BEGIN SOLUTION: remember the creator\n'
            '    """New docstring."""\n    creator = None\n    # BEGIN SKELETON\n'
            '    # """Old docstring."""\n    # END SOLUTION\n')
    skeleton = render(text, 7).skeleton
    assert skeleton == ('class Variable:\n    """Old docstring."""\n'
                        '    # TODO(step 07): remember the creator\n')
