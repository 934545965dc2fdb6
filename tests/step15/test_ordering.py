"""Step 15: the exercise in ordering.py: generations, and an order backward can use.

The exercise file belongs to step 15's folder only, so these tests stop at step 15.
"""

import importlib.util

import pytest

from kata import checks
from kata.layout import rel

pytestmark = pytest.mark.until(15)

# A graph is a list of (function name, input names, output names), in forward order.
CHAIN = [("A", ["x"], ["a"]), ("B", ["a"], ["b"]), ("C", ["b"], ["y"])]
DIAMOND = [("A", ["x"], ["a"]), ("B", ["a"], ["b"]), ("C", ["a"], ["c"]),
           ("D", ["b", "c"], ["y"])]
# Two inputs, a function with two outputs, and a long and a short path to y.
TANGLE = [("P", ["u", "v"], ["p"]), ("Q", ["p"], ["q0", "q1"]), ("R", ["q0"], ["r"]),
          ("S", ["r", "p"], ["s"]), ("T", ["s", "q1", "v"], ["y"])]


@pytest.fixture
def ordering(impl_folder):
    path = impl_folder / "ordering.py"
    if not path.exists():
        checks.fail(f"no {rel(path)}: the exercise of step 15 lives there")
    spec = importlib.util.spec_from_file_location("ordering", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generations_of_a_chain(ordering):
    checks.equal(ordering.generations(CHAIN),
                 {"x": 0, "A": 0, "a": 1, "B": 1, "b": 2, "C": 2, "y": 3},
                 "generations(CHAIN)")


def test_generations_of_the_diamond(ordering):
    checks.equal(ordering.generations(DIAMOND),
                 {"x": 0, "A": 0, "a": 1, "B": 1, "C": 1, "b": 2, "c": 2, "D": 2, "y": 3},
                 "generations(DIAMOND)")


def test_a_function_takes_the_largest_generation_of_its_inputs(ordering):
    got = ordering.generations(TANGLE)
    expected = {"u": 0, "v": 0, "P": 0, "p": 1, "Q": 1, "q0": 2, "q1": 2, "R": 2, "r": 3,
                "S": 3, "s": 4, "T": 4, "y": 5}
    checks.equal(got, expected, "generations(TANGLE), where S and T mix long and short paths")


def _is_valid(graph, order):
    """Every function once, each after all the functions that use its outputs."""
    made_by = {y: name for name, _, outputs in graph for y in outputs}
    if sorted(order) != sorted(name for name, _, _ in graph):
        return False
    position = {name: i for i, name in enumerate(order)}
    return all(position[made_by[x]] > position[user]
               for user, inputs, _ in graph for x in inputs if x in made_by)


@pytest.mark.parametrize("name", ["CHAIN", "DIAMOND", "TANGLE"])
def test_backward_order_calls_each_function_once_after_its_users(ordering, name):
    graph = {"CHAIN": CHAIN, "DIAMOND": DIAMOND, "TANGLE": TANGLE}[name]
    order = ordering.backward_order(graph)
    checks.is_true(_is_valid(graph, list(order)),
                   f"backward_order({name}) = {order!r}: every function must appear once, "
                   f"after every function that uses its outputs")


def test_step14_order_is_valid_on_a_chain(ordering):
    order = ordering.step14_order(CHAIN, "y")
    checks.equal(ordering.is_valid_order(CHAIN, order), True,
                 f"is_valid_order(CHAIN, {order!r}) (step 14's order is fine on a chain)")


def test_step14_order_is_not_valid_on_the_diamond(ordering):
    order = ordering.step14_order(DIAMOND, "y")
    checks.equal(ordering.is_valid_order(DIAMOND, order), False,
                 f"is_valid_order(DIAMOND, {order!r}) (A runs twice, once before B)")


def test_an_order_with_each_function_once_can_still_be_wrong(ordering):
    checks.equal(ordering.is_valid_order(DIAMOND, ["D", "B", "A", "C"]), False,
                 "is_valid_order(DIAMOND, ['D', 'B', 'A', 'C']) (A runs before C, which "
                 "uses A's output)")
    checks.equal(ordering.is_valid_order(DIAMOND, ["D", "C", "B", "A"]), True,
                 "is_valid_order(DIAMOND, ['D', 'C', 'B', 'A'])")


def test_an_order_must_call_every_function(ordering):
    checks.equal(ordering.is_valid_order(DIAMOND, ["D", "B", "A"]), False,
                 "is_valid_order(DIAMOND, ['D', 'B', 'A']) (C is never called)")


def test_backward_order_is_valid_by_its_own_check(ordering):
    order = ordering.backward_order(TANGLE)
    checks.equal(ordering.is_valid_order(TANGLE, order), True,
                 f"is_valid_order(TANGLE, backward_order(TANGLE)) with order {order!r}")
