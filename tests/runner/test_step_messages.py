"""Messages of step tests that named the wrong thing (issue 22, item 5): node ids instead of
labels (step 26), a placeholder for strings params() gave (step 44), the second iterate when
the third is the first wrong one (step 33); and guides that ask for what the skeleton has
(step 57) or install with a pip of another environment."""

from __future__ import annotations

import re

import pytest

from kata import layout
from kata.layout import ROOT
from kata.maintainer import generate
from kata.measure import plot
from tests.runner.mutants import first_failure, mutant, run_tests

LONG_NUMBER = re.compile(r"\d{9,}")  # an id(): what the learner cannot read


def test_step26_edges_are_named_by_their_labels(tmp_path):
    folder = mutant(tmp_path, 26, "dezero/utils.py",  # the input's edge drawn backwards
                    ('        text += f"{id(x)} -> {id(f)}\\n"',
                     '        text += f"{id(f)} -> {id(x)}\\n"'))
    out = run_tests(folder, 26, "tests/step26/test_dot_graph.py")
    failures = [line for line in out.splitlines() if "expected" in line]
    assert failures and not any(LONG_NUMBER.search(line) for line in failures), out
    assert "[('Square', 'x'), ('Square', 'y')]" in out or "('Square', 'x')" in out, out


def test_step44_params_giving_names_says_so(tmp_path):
    folder = mutant(tmp_path, 44, "dezero/layers.py",
                    ("            yield self.__dict__[name]", "            yield name"))
    out = run_tests(folder, 44, "tests/step44/test_layer.py")
    assert "layer.params() gave strings ('p1', 'p2'), not the Parameter objects" in out, out
    assert "that is no attribute" not in out


def test_step33_names_the_first_wrong_iterate(tmp_path):
    folder = mutant(tmp_path, 33, "newton.py", (
        "        y = f(x)\n        x.cleargrad()  # the grad of the previous iteration must not "
        "be added to\n", "        y = f(x)\n"))
    out = run_tests(folder, 33, "tests/step33/test_newton_automatic.py", "-k", "books_iterates")
    message = first_failure(out)
    assert "(the third is the first wrong one: is the previous grad cleared" in message, out
    assert "second iterate" not in out


def test_step57_guide_asks_for_what_the_skeleton_leaves():
    """It asked for F.min and the import of the conv functions, which the skeleton has."""
    skeleton = generate.skeleton(57)[layout.Path("dezero/functions.py")]
    todo = set(re.findall(r"TODO\(step 57\): write ([\w.]+)\(\)", skeleton))
    guide = (layout.SOLUTIONS / "step57" / "README.md").read_text(encoding="utf-8")
    bullet = guide.split("- `steps/step57/dezero/functions.py`: ", 1)[1].split("\n- ", 1)[0]
    asked, given = bullet.split("(", 1)
    assert todo == {"Max.forward", "Max.backward"}
    assert set(re.findall(r"`([\w.]+)`", asked)) == todo, bullet
    assert "F.min" in given and "given" in given


def test_pip_is_the_environments_own():
    """`.venv/bin/pip` of a copied environment installs into the one it was copied from."""
    assert plot.INSTALL == ".venv/bin/python -m pip install --group plot"
    texts = [ROOT / "README.md", *layout.SOLUTIONS.glob("step*/README.md"),
             *layout.SOLUTIONS.glob("step*/*.py"), *layout.SOLUTIONS.glob("step*/dezero/*.py")]
    using = [path for path in texts if ".venv/bin/pip " in path.read_text(encoding="utf-8")]
    assert using == []


@pytest.mark.parametrize("step", [23, 34, 35, 42, 43, 48, 49, 50, 51, 56, 58, 59])
def test_the_guides_that_mention_a_script_say_how_to_run_it(step):
    guide = (layout.SOLUTIONS / layout.step_name(step) / "README.md").read_text(encoding="utf-8")
    assert f"make run STEP={step} FILE=" in guide
