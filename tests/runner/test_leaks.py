"""kata.leaks: the leak check, and the report a learner reads when it fails.

The implementations come from step 17's reference itself: its previous view is the step-16
code (strong outputs: leaks), its solution view the weak-outputs code (no leak).
"""

from __future__ import annotations

import gc
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from kata import leaks
from kata.maintainer.generate import views

CYCLE = "Variable.creator → Square → Square.outputs[0] → Variable"


def load(name: str, source: str) -> types.ModuleType:
    """A module made from source text, under a name of its own (its classes carry it)."""
    if name not in sys.modules:
        module = types.ModuleType(name)
        sys.modules[name] = module
        exec(compile(source, f"<{name}>", "exec"), module.__dict__)
    return sys.modules[name]


@pytest.fixture(scope="module")
def strong():
    return load("kata_leaks_strong_outputs", views(17, Path("dezero.py")).previous)


@pytest.fixture(scope="module")
def weak():
    return load("kata_leaks_weak_outputs", views(17, Path("dezero.py")).solution)


@pytest.fixture
def pictures(tmp_path, monkeypatch):
    """Pictures go to a temporary folder, and Graphviz is not installed."""
    monkeypatch.setattr(leaks, "PICTURES", tmp_path / "leaks")
    monkeypatch.setenv("PATH", str(tmp_path / "no-graphviz"))
    return tmp_path / "leaks"


def build_square_square(dezero):
    with leaks.no_cycles(dezero, "y = square(square(x))"):
        x = dezero.Variable(np.array(2.0))
        y = dezero.square(dezero.square(x))
        del x, y


def leak_report(dezero, build=build_square_square) -> str:
    with pytest.raises(pytest.fail.Exception) as failure:
        build(dezero)
    return str(failure.value)


def test_a_graph_without_cycles_passes(weak, pictures):
    build_square_square(weak)
    assert not pictures.exists()


def test_a_cyclic_graph_fails_with_counts_and_the_cycle_as_a_path(strong, pictures):
    report = leak_report(strong)
    first, *rest = report.splitlines()
    assert first == ("memory leak: `y = square(square(x))` left 5 objects alive after `del`: "
                     "3 Variable, 2 Square.")
    assert f"    {CYCLE}" in rest
    assert "  and, held through them: Square.inputs[0] → Variable" in rest
    assert leaks.GUIDE in report


def test_without_graphviz_the_dot_file_is_written_and_the_command_given(strong, pictures):
    report = leak_report(strong)
    dot = pictures / f"{leaks.picture_name()}.dot"  # named after this test
    assert dot.exists(), sorted(pictures.iterdir())
    text = dot.read_text()
    assert text.startswith("digraph") and 'label=" creator "' in text and "outputs" in text
    assert report.splitlines()[-1].endswith(f"-o {dot.with_suffix('.png')})")
    assert "install Graphviz" in report
    again = leak_report(strong)  # every report explains itself: the runner shows one in full
    assert "install Graphviz" in again and "Each arrow is a reference" in again
    assert f"dot -Tpng {dot}" in report


def test_with_graphviz_a_picture_is_drawn(strong, pictures, tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "dot"  # writes the file named by -o, as Graphviz would
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\nfor a in "$@"; do case $a in -o*) echo png > "${a#-o}";; '
                    'esac; done\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    report = leak_report(strong)
    png = pictures / f"{leaks.picture_name()}.png"
    assert png.read_text() == "png\n"
    assert report.splitlines()[-1] == f"Picture of the cycle: {png}"


def test_a_name_left_behind_is_no_cycle_and_is_named(weak, pictures):
    def forgets_y(dezero):
        with leaks.no_cycles(dezero, "y = square(x)"):
            x = dezero.Variable(np.array(2.0))
            y = dezero.square(x)
            del x
        del y

    report = leak_report(weak, forgets_y)
    assert "No reference cycle joins them" in report
    assert "`y` in forgets_y() still refers to a Variable" in report
    assert not pictures.exists()


def test_the_collector_is_back_on_after_a_leak_and_after_an_error(strong, pictures):
    assert gc.isenabled()
    leak_report(strong)
    assert gc.isenabled()
    with pytest.raises(KeyError):
        with leaks.no_cycles(strong, "nothing"):
            raise KeyError("inside the block")
    assert gc.isenabled()


def test_the_collector_is_off_inside_and_new_objects_are_counted(weak):
    with leaks.no_cycles(weak, "y = square(x)") as probe:
        assert not gc.isenabled()
        x = weak.Variable(np.array(2.0))
        y = weak.square(x)
        assert probe.new_objects() == {"Variable": 2, "Function": 1}
        del x, y
        assert probe.new_objects() == {"Variable": 0, "Function": 0}


def test_objects_alive_before_the_block_are_not_survivors(strong, pictures):
    x = strong.Variable(np.array(2.0))
    y = strong.square(x)  # a cycle, made before the block: not the block's leak
    with pytest.raises(pytest.fail.Exception) as failure:
        with leaks.no_cycles(strong, "z = square(w)"):
            w = strong.Variable(np.array(3.0))
            z = strong.square(w)
            del w, z
    assert failure.value.msg.splitlines()[0] == (
        "memory leak: `z = square(w)` left 3 objects alive after `del`: 2 Variable, 1 Square.")
    assert y.creator.outputs[0] is y


def test_an_older_object_freed_inside_does_not_hide_a_new_leak(strong, weak, pictures):
    older = [weak.square(weak.Variable(np.array(1.0)))]  # 2 Variables, 1 Function, no cycle
    with pytest.raises(pytest.fail.Exception, match="left 3 objects alive"):
        with leaks.no_cycles(strong, "y = square(x)"):
            del older[:]  # frees as many objects as the leak below makes
            x = strong.Variable(np.array(2.0))
            y = strong.square(x)
            del x, y


def test_live_objects_counts_subclasses_defined_anywhere(weak):
    class Triple(weak.Function):  # defined in a function: objgraph names it module.Triple
        def forward(self, x):
            return 3 * x

    before = leaks.live_objects(weak)
    y = Triple()(weak.Variable(np.array(1.0)))
    after = leaks.live_objects(weak)
    assert (after["Variable"] - before["Variable"], after["Function"] - before["Function"]) \
        == (2, 1)
    del y


def test_pictures_are_named_after_the_running_test():
    assert leaks.picture_name() == "test_pictures_are_named_after_the_running_test"


def test_long_parametrized_names_get_pictures_of_their_own(monkeypatch):
    names = set()
    for case in ("a = square(x); add(square(a), square(a))", "add(exp(x), square(square(x)))"):
        test = f"tests/step17/t.py::test_backward_works_once_the_names_are_gone[{case}] (call)"
        monkeypatch.setenv("PYTEST_CURRENT_TEST", test)
        names.add(leaks.picture_name())
    assert len(names) == 2
    assert all(len(name) <= leaks.NAME_LENGTH for name in names)
    assert all(name.startswith("test_backward_works_once") for name in names)


def test_a_cycle_through_dicts_and_lists_names_keys_and_indices():
    class Node:
        pass

    parent, child = Node(), Node()
    parent.children = {"left": [child]}
    child.parent = parent
    cycle = leaks.find_cycle(parent)
    assert leaks.describe_path(cycle) == "Node.children['left'][0] → Node → Node.parent → Node"
    assert leaks.find_cycle(Node()) is None


def test_survivors_are_reported_by_type_and_count(pictures):
    class Ring:
        def __init__(self):
            self.me = self

    report = leaks.leak_report([Ring(), Ring()], "two rings", name="rings")  # in `pictures`
    assert report.splitlines()[:3] == [
        "memory leak: `two rings` left 2 objects alive after `del`: 2 Ring.",
        "Reference cycles keep them (the cyclic garbage collector was off, so nothing else "
        "could):",
        "    Ring.me → Ring",
    ]
