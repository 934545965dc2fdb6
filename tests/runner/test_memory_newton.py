"""kata.measure.memory, step 33: what Newton's method leaves behind (under make bench STEP=33).

With the cyclic GC off, so that what is left is exact: the book's loop leaves nothing;
recording the second backward too leaves cycles that grow with the iterations.
"""

from __future__ import annotations

import sys

from kata.measure import memory
from kata.measure.lessons import step33

NEWTON = memory.Impl(33, "solutions")
SMALL = 10  # starting points: the counts do not depend on the arrays' size


def left(variant: str, iters: int) -> tuple[int, int]:
    run = step33.measure_newton(memory.load(NEWTON), variant, gc_enabled=False, iters=iters,
                                size=SMALL)
    return run.variables, run.functions


def test_the_books_loop_leaves_nothing():
    assert left("the book's loop", 4) == (0, 0)


def test_without_cleargrad_nothing_is_left_either():
    """Wrong values, but the last backward is plain: it replaces x.grad with a bare Variable."""
    assert left("no cleargrad", 4) == (0, 0)


def test_create_graph_twice_leaves_cycles_that_grow():
    two, four = left("create_graph twice", 2), left("create_graph twice", 4)
    assert 0 < two[0] < four[0] and 0 < two[1] < four[1]
    assert four[0] - two[0] == 2 * (two[0] - left("create_graph twice", 1)[0])  # the same each


def test_a_package_loads_beside_others_and_leaves_the_dezero_name_alone():
    before = sys.modules.get("dezero")
    package = memory.load(NEWTON)
    assert package.Variable.__module__ == "dezero.core"
    assert sys.modules.get("dezero") is before
    assert memory.load(NEWTON) is package
