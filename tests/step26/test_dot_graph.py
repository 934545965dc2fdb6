"""Step 26: get_dot_graph(output, verbose=True) writes the graph behind output as DOT text.

The text is parsed (pydot), never compared as a string: node names are ids, and the order
of the statements is free. Messages name the nodes by their labels, never by their ids.
"""

from collections import Counter

import numpy as np

from kata import checks


def variable(dezero, value=1.0, name=None, dtype=np.float64):
    return dezero.Variable(np.asarray(value, dtype=dtype), name=name)


def check_drawn_as_in_the_book(graph):
    """Variables orange and filled; functions light blue, filled boxes; each node once."""
    for name, count in graph.declared.items():
        checks.equal(count, 1, f"{graph.what}: statements declaring the node "
                     f"{graph.label(name)!r} (each variable and function is drawn once)")
    for name in graph.nodes:
        function = graph.attribute(name, "shape") == "box"
        what = f"{graph.what}: the {'function' if function else 'variable'} node " \
               f"{graph.label(name)!r}"
        checks.equal(graph.attribute(name, "color"), "lightblue" if function else "orange",
                     f"{what}: its color")
        checks.equal(graph.attribute(name, "style"), "filled", f"{what}: its style")
    graph.check_edges_join_declared_nodes()


def labels(graph, names):
    return sorted(map(graph.label, names))


def arrows(graph):
    """The edges as (from, to) by the nodes' labels: an id says nothing to the learner."""
    return sorted((graph.label(source), graph.label(target)) for source, target in graph.edges)


def test_a_variable_no_function_made_is_one_node(dezero, graph_of):
    graph = graph_of(variable(dezero, 2.0, name="x"))
    checks.equal(labels(graph, graph.nodes), ["x: () float64"],
                 f"{graph.what} for a Variable x no function made: its nodes' labels")
    checks.equal(arrows(graph), [], f"{graph.what} for a Variable no function made: its edges")
    check_drawn_as_in_the_book(graph)


def test_a_function_is_a_box_between_its_input_and_its_output(dezero, graph_of):
    x = variable(dezero, 2.0, name="x")
    y = dezero.square(x)
    y.name = "y"
    graph = graph_of(y, verbose=False)
    check_drawn_as_in_the_book(graph)
    checks.equal(labels(graph, graph.functions()), ["Square"], f"{graph.what} for "
                 f"y = square(x): the labels of the nodes drawn as boxes (shape=box: functions)")
    checks.equal(arrows(graph), [("Square", "y"), ("x", "Square")],
                 f"{graph.what} for y = square(x): its edges, as (from, to) by label (x -> "
                 f"Square -> y: input to function, function to output)")


def test_verbose_labels_give_the_name_shape_and_dtype(dezero, graph_of):
    x = variable(dezero, np.ones((2, 3)), name="x", dtype=np.float32)
    y = x * x  # unnamed
    for verbose, expected in ((True, ["(2, 3) float32", "x: (2, 3) float32"]),
                              (False, ["", "x"])):
        graph = graph_of(y, verbose=verbose)
        checks.equal(labels(graph, graph.variables()), expected, f"{graph.what} for y = x * x, "
                     f"x float32 of shape (2, 3) named 'x' and y unnamed: the labels of y and x")


def test_each_function_and_variable_is_drawn_once(dezero, graph_of):
    x = variable(dezero, 2.0, name="x")
    a = dezero.square(x)
    b, c = dezero.square(a), dezero.square(a)  # a is used twice: step 16's diamond
    y = dezero.add(b, c)
    for v, name in ((a, "a"), (b, "b"), (c, "c"), (y, "y")):
        v.name = name
    graph = graph_of(y, verbose=False)
    check_drawn_as_in_the_book(graph)
    expected = Counter({("Square", ("x",), ("a",)): 1, ("Square", ("a",), ("b",)): 1,
                        ("Square", ("a",), ("c",)): 1, ("Add", ("b", "c"), ("y",)): 1})
    checks.equal(graph.wiring(), expected, f"{graph.what} for a = square(x), b = square(a), "
                 f"c = square(a), y = add(b, c): each function as (label, its inputs' "
                 f"labels, its outputs' labels)")


def test_a_variable_used_twice_by_one_function_gives_two_edges(dezero, graph_of):
    x = variable(dezero, 3.0, name="x")
    y = x * x
    graph = graph_of(y, verbose=False)
    check_drawn_as_in_the_book(graph)
    checks.equal(len(graph.named("x")), 1, f"{graph.what} for y = x * x: the nodes labelled x "
                 f"(x is drawn once, with two edges into Mul)")
    [mul] = graph.named("Mul")
    checks.equal(labels(graph, graph.sources_of(mul)), ["x", "x"], f"{graph.what} for y = x * x:"
                 f" the labels of the nodes with an edge into Mul (one for each of its inputs, x "
                 f"twice; x drawn once)")


def test_the_graph_after_backward_is_the_same(dezero, graph_of):
    x = variable(dezero, 0.5, name="x")
    y = dezero.exp(dezero.square(x)) * x
    before = graph_of(y)
    y.backward()  # drops the intermediate grads (step 18), not the graph
    after = graph_of(y)
    checks.equal((labels(after, after.nodes), arrows(after)),
                 (labels(before, before.nodes), arrows(before)),
                 f"{after.what} after y.backward(), against the same before it: "
                 f"(the nodes' labels, the edges by label)")
    checks.equal(labels(after, after.functions()), ["Exp", "Mul", "Square"],
                 f"{after.what} for y = exp(square(x)) * x, after backward: its functions")


def test_an_output_nobody_keeps_is_left_out(dezero, graph_of, split):
    x = variable(dezero, 1.0, name="x")
    kept, dropped = split()(x)
    kept.name, dropped.name = "kept", "dropped"
    both = graph_of(kept, verbose=False)  # both outputs alive: both drawn
    check_drawn_as_in_the_book(both)
    [function] = both.named("Split")
    checks.equal(labels(both, both.targets_of(function)), ["dropped", "kept"],
                 f"{both.what}, y the first output of a two-output Split, both outputs kept: "
                 f"the nodes Split points to")
    del dropped  # Split holds its outputs weakly (step 17): the dropped one is gone
    graph = graph_of(kept, verbose=False)
    check_drawn_as_in_the_book(graph)  # no edge may point at the missing output
    checks.equal(labels(graph, graph.targets_of(function)), ["kept"],
                 f"{graph.what}, y the first output of a two-output Split whose second "
                 f"output was dropped: the nodes Split points to (f.outputs holds weak "
                 f"references: a dead one gives None)")


def goldstein(x, y):
    """The Goldstein–Price function, as the book writes it for this step's picture."""
    a = (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)
    b = (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2)
    return (1 + a) * (30 + b)


def test_the_book_s_goldstein_price_graph(dezero, graph_of):
    x, y = variable(dezero, 1.0), variable(dezero, 1.0)
    z = goldstein(x, y)
    z.backward()
    x.name, y.name, z.name = "x", "y", "z"
    graph = graph_of(z, verbose=False)
    check_drawn_as_in_the_book(graph)
    checks.equal(Counter(map(graph.label, graph.functions())),
                 Counter({"Mul": 17, "Add": 10, "Pow": 6, "Sub": 5}),
                 f"{graph.what} for the book's Goldstein–Price z at (1, 1): its functions, "
                 f"counted by label (each one is drawn once)")
    # 57 variables: x, y, z, the 35 other results and 19 constants (14 * x makes one)
    checks.equal(Counter(map(graph.label, graph.variables())),
                 Counter({"x": 1, "y": 1, "z": 1, "": 54}),
                 f"{graph.what} for Goldstein–Price: its variables, counted by label")
    sinks = [name for name in graph.nodes if not graph.targets_of(name)]
    checks.equal(labels(graph, sinks), ["z"], f"{graph.what} for Goldstein–Price: the labels of "
                 f"the nodes no edge leaves (z alone: the arrows lead from the inputs to the "
                 f"output)")
    for name in ("x", "y"):
        [node] = graph.named(name)
        checks.equal(labels(graph, graph.sources_of(node)), [], f"{graph.what} for "
                     f"Goldstein–Price: the labels of the nodes with an edge into {name} "
                     f"(none: no function made it)")
