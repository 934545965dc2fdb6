# BEGIN NEW
"""Step 25 exercise: computational graphs written in the DOT language, by hand.

DOT is the text Graphviz draws pictures from. A directed graph reads

    digraph g {
    1 [label="x", color=orange, style=filled]
    2 [label="Exp", color=lightblue, style=filled, shape=box]
    1 -> 2
    }

one statement a line: a node is a name (here a number) with optional [attributes]; an edge
is `a -> b`. A node without a label is drawn with its name. DeZero's pictures (step 26) draw
variables as orange ellipses (the default shape) and functions as light-blue boxes.

Each function below returns DOT text. Check your answers with `make test STEP=25`; with
Graphviz installed, `dot -Tpng graph.dot -o graph.png` draws a text saved as graph.dot.
"""


def two_nodes():
    """A directed graph of two nodes, named x and y, and no edge."""
    # BEGIN SOLUTION: digraph g { ... } with one node name a line
    return """digraph g {
x
y
}"""
    # END SOLUTION


def styled_nodes():
    """Three nodes and no edge, drawn as step 26 will draw them: nodes 1 and 2 are the
    variables x and y (labels "x" and "y"; orange, filled), node 3 the function Exp
    (label "Exp"; lightblue, filled, a box)."""
    # BEGIN SOLUTION: attributes in brackets: [label="x", color=orange, style=filled]
    return """digraph g {
1 [label="x", color=orange, style=filled]
2 [label="y", color=orange, style=filled]
3 [label="Exp", color=lightblue, style=filled, shape=box]
}"""
    # END SOLUTION


def exp_graph():
    """The graph of y = exp(x): styled_nodes()'s three nodes, and the edges x -> Exp -> y."""
    # BEGIN SOLUTION: the same nodes, and two edges: 1 -> 3 and 3 -> 2
    return """digraph g {
1 [label="x", color=orange, style=filled]
2 [label="y", color=orange, style=filled]
3 [label="Exp", color=lightblue, style=filled, shape=box]
1 -> 3
3 -> 2
}"""
    # END SOLUTION


def diamond_graph():
    """Step 16's diamond: a = square(x); b = square(a); c = square(a); y = add(b, c).

    Five variables (labels x, a, b, c, y) and four functions (three labelled Square, one
    Add), styled as in styled_nodes(); each function has an edge from each input and one to
    its output. Three functions share the label Square: they need three node names.
    """
    # BEGIN SOLUTION: one node per variable and per function, then the edges in and out
    return """digraph g {
1 [label="x", color=orange, style=filled]
2 [label="a", color=orange, style=filled]
3 [label="b", color=orange, style=filled]
4 [label="c", color=orange, style=filled]
5 [label="y", color=orange, style=filled]
10 [label="Square", color=lightblue, style=filled, shape=box]
11 [label="Square", color=lightblue, style=filled, shape=box]
12 [label="Square", color=lightblue, style=filled, shape=box]
13 [label="Add", color=lightblue, style=filled, shape=box]
1 -> 10
10 -> 2
2 -> 11
11 -> 3
2 -> 12
12 -> 4
3 -> 13
4 -> 13
13 -> 5
}"""
    # END SOLUTION
# END NEW
