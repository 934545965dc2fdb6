"""Step 25: graphs written by hand in the DOT language (the exercise file dot_language.py).

Each function returns DOT text; it is parsed with pydot (no Graphviz needed) and its nodes,
edges and attributes are checked, whatever the node names, order or spacing.
"""

from collections import Counter

import pytest

from kata import checks
from tests import exercise_files
from tests.dot_graphs import parse

pytestmark = pytest.mark.until(25)  # dot_language.py is step 25's exercise only


@pytest.fixture
def dot_language(impl_folder):
    return exercise_files.load(impl_folder, "dot_language.py", 25)


def graph_of(dot_language, name):
    return parse(getattr(dot_language, name)(), f"dot_language.{name}()")


def check_styles(graph, variables, functions):
    """The variables orange, filled ellipses; the functions light-blue, filled boxes."""
    for labels, colour, shapes in ((variables, "orange", (None, "ellipse", "oval")),
                                   (functions, "lightblue", ("box",))):
        for label in labels:
            for name in graph.named(label):
                node = f"{graph.what}: the node {name} labelled {label!r}"
                checks.equal(graph.attribute(name, "color"), colour, f"{node}: its color")
                checks.equal(graph.attribute(name, "style"), "filled", f"{node}: its style")
                checks.is_true(graph.attribute(name, "shape") in shapes,
                               f"{node}: its shape should be {shapes[-1]}, got "
                               f"{graph.attribute(name, 'shape')}")


def check_labels(graph, expected):
    got = Counter(graph.label(name) for name in graph.nodes)
    checks.equal(got, Counter(expected), f"{graph.what}: the labels of its nodes, counted")


def test_two_nodes_and_no_edge(dot_language):
    graph = graph_of(dot_language, "two_nodes")
    checks.equal(graph.edges, [], f"{graph.what}: its edges (`a -> b` is an edge)")
    checks.equal(sorted(graph.nodes), ["x", "y"], f"{graph.what}: the names of its nodes")


def test_nodes_are_styled_as_variables_and_a_function(dot_language):
    graph = graph_of(dot_language, "styled_nodes")
    checks.equal(sorted(graph.nodes), ["1", "2", "3"], f"{graph.what}: the names of its nodes")
    for name, label in (("1", "x"), ("2", "y"), ("3", "Exp")):
        checks.equal(graph.label(name), label, f"{graph.what}: the label of node {name}")
    check_styles(graph, variables=["x", "y"], functions=["Exp"])
    checks.equal(graph.edges, [], f"{graph.what}: its edges (none yet)")


def test_the_graph_of_exp_goes_from_x_through_exp_to_y(dot_language):
    graph = graph_of(dot_language, "exp_graph")
    check_labels(graph, ["x", "y", "Exp"])
    check_styles(graph, variables=["x", "y"], functions=["Exp"])
    graph.check_edges_join_declared_nodes()
    [x], [exp], [y] = graph.named("x"), graph.named("Exp"), graph.named("y")
    checks.equal(sorted(graph.edges), sorted([(x, exp), (exp, y)]),
                 f"{graph.what}: its edges (x -> Exp -> y: an arrow goes the way data flows)")


def test_the_diamond_has_a_node_for_each_variable_and_function(dot_language):
    graph = graph_of(dot_language, "diamond_graph")
    check_labels(graph, ["x", "a", "b", "c", "y", "Square", "Square", "Square", "Add"])
    check_styles(graph, variables=["x", "a", "b", "c", "y"], functions=["Square", "Add"])


def test_the_diamond_is_wired_as_in_step_16(dot_language):
    graph = graph_of(dot_language, "diamond_graph")
    graph.check_edges_join_declared_nodes()
    expected = Counter({("Square", ("x",), ("a",)): 1, ("Square", ("a",), ("b",)): 1,
                        ("Square", ("a",), ("c",)): 1, ("Add", ("b", "c"), ("y",)): 1})
    checks.equal(graph.wiring(), expected, f"{graph.what}: each function (box) as (label, its "
                 f"inputs' labels, its outputs' labels); a = square(x), b = square(a), "
                 f"c = square(a), y = add(b, c)")
