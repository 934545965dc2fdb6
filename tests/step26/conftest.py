"""What step 26's tests share: dezero.utils of the step under test, and its graphs parsed."""

import importlib

import pytest

from kata import checks
from kata.layout import rel
from kata.pytest_plugin import LearnerModule
from tests.dot_graphs import parse


@pytest.fixture
def utils(dezero, impl_folder, step):
    """dezero.utils, imported as a script does: `from dezero.utils import get_dot_graph`."""
    path = impl_folder / "dezero" / "utils.py"
    checks.is_true(path.exists(), f"there is no {rel(path)}: step 26 adds it to the package")
    return LearnerModule(importlib.import_module("dezero.utils"), rel(path), step)


@pytest.fixture
def graph_of(utils):
    """graph_of(output, verbose=...): get_dot_graph's text for output, parsed."""

    def graph_of(output, **verbose):
        text = utils.get_dot_graph(output, **verbose)
        arguments = "".join(f", verbose={value}" for value in verbose.values())
        return parse(text, f"get_dot_graph(y{arguments})")

    return graph_of


@pytest.fixture
def split(dezero):
    """A Function with two outputs: Split()(x) returns (2x, 3x)."""

    class Split(dezero.Function):
        def forward(self, x):
            return 2 * x, 3 * x

    return Split
