"""A weak reference where a strong one belongs (creator, inputs) is named, with the reason."""

import pytest

from tests.runner.mutants import first_failure, mutant, run_tests

WEAK_CREATOR = ("        self.creator = func\n        self.generation",
                "        self.creator = weakref.ref(func)\n        self.generation")
# Every leak test passes: the creator is weak, and read through a property that calls it.
WEAK_CREATOR_BEHIND_A_PROPERTY = (
    "    def set_creator(self, func):\n        self.creator = func\n",
    "    @property\n"
    "    def creator(self):\n"
    "        return self._creator() if self._creator is not None else None\n\n"
    "    @creator.setter\n"
    "    def creator(self, func):\n"
    "        self._creator = None if func is None else weakref.ref(func)\n\n"
    "    def set_creator(self, func):\n        self.creator = func\n",
)
WEAK_INPUTS = ("        self.inputs = inputs\n",
               "        self.inputs = [weakref.ref(x) for x in inputs]\n")


@pytest.mark.parametrize("edit, link", [
    (WEAK_CREATOR, "Variable.creator"),
    (WEAK_CREATOR_BEHIND_A_PROPERTY, "Variable._creator"),
    (WEAK_INPUTS, "Double.inputs[0]"),
], ids=["weakref.ref(func)", "a property over a weakref", "weak inputs"])
def test_the_first_failure_names_the_weak_link(tmp_path, edit, link):
    out = run_tests(mutant(tmp_path, 17, "dezero.py", edit), 17)
    assert first_failure(out) == f"{link} is a weak reference (after y = Double()(x)); it must " \
                                 f"be a strong one.", out
    assert "Only Function.outputs holds weak references (step 17)" in out
    assert "weak object has gone away" not in out.split("... and")[0]


def test_the_creator_test_of_step_7_says_it_too(tmp_path):
    folder = mutant(tmp_path, 17, "dezero.py", WEAK_CREATOR)
    out = run_tests(folder, 17, "tests/step07/test_creator.py")
    assert "Variable.creator is a weak reference (after y = f(x) with f = Square())" in out
    assert "must call output.set_creator(self)" not in out
    assert "backward() walks from the output back through `creator`" in out
