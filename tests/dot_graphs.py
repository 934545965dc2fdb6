"""DOT text read as a graph, for the tests of steps 25 and 26 and later.

The text is parsed by pydot, never compared as a string: node names (DeZero uses id()),
statement order, spacing and quoting are free; the nodes, edges and attributes are not.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections import Counter

import pydot

from kata import checks

DEFAULTS = {"node", "edge", "graph"}  # `node [shape=box]` sets defaults: not a node


def _unquote(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text


class Graph:
    """The nodes (name -> attributes, labels unquoted) and edges (source, target) of a text."""

    def __init__(self, graph: pydot.Dot, what: str):
        self.what = what
        self.declared: Counter[str] = Counter()  # how many statements declare each node
        self.nodes: dict[str, dict[str, str]] = {}
        for node in graph.get_nodes():
            name = _unquote(node.get_name())
            if name in DEFAULTS:
                continue
            self.declared[name] += 1
            attributes = {key: _unquote(str(value))
                          for key, value in node.get_attributes().items()}
            self.nodes.setdefault(name, {}).update(attributes)
        self.edges = [(_unquote(str(edge.get_source())), _unquote(str(edge.get_destination())))
                      for edge in graph.get_edges()]

    def label(self, name: str) -> str:
        """What Graphviz writes in the node: its label, or else its name."""
        return self.nodes.get(name, {}).get("label", name)

    def attribute(self, name: str, key: str) -> str | None:
        return self.nodes.get(name, {}).get(key)

    def named(self, label: str) -> list[str]:
        """The names of the nodes that show this label."""
        return [name for name in self.nodes if self.label(name) == label]

    def sources_of(self, name: str) -> list[str]:
        return [source for source, target in self.edges if target == name]

    def targets_of(self, name: str) -> list[str]:
        return [target for source, target in self.edges if source == name]

    def functions(self) -> list[str]:
        """The nodes drawn as boxes: DeZero's functions."""
        return [name for name in self.nodes if self.attribute(name, "shape") == "box"]

    def variables(self) -> list[str]:
        return [name for name in self.nodes if self.attribute(name, "shape") != "box"]

    def wiring(self) -> Counter:
        """Each function as (its label, its inputs' labels, its outputs' labels), counted:
        the graph's structure, whatever the node names."""
        return Counter((self.label(f), tuple(sorted(map(self.label, self.sources_of(f)))),
                        tuple(sorted(map(self.label, self.targets_of(f)))))
                       for f in self.functions())

    def check_edges_join_declared_nodes(self) -> None:
        """Graphviz would draw an undeclared end as a bare node showing its name."""
        for source, target in self.edges:
            for end in (source, target):
                checks.is_true(end in self.nodes, f"{self.what}: the edge {source} -> {target} "
                               f"ends at {end}, which is not declared as a node")


def parse(text, what: str) -> Graph:
    """Parse DOT text; a text that is not a directed graph fails with pydot's reason."""
    checks.instance(text, str, what)
    said = io.StringIO()
    with contextlib.redirect_stdout(said), warnings.catch_warnings():
        # pydot prints why a text does not parse; its grammar uses pyparsing's old names
        warnings.simplefilter("ignore", DeprecationWarning)
        graphs = pydot.graph_from_dot_data(text)
    if not graphs:
        reason = " ".join(said.getvalue().split()) or "no graph found"
        checks.fail(f"{what} is not valid DOT: {reason}\n{text}")
    checks.is_true(len(graphs) == 1, f"{what} should hold one graph, got {len(graphs)}")
    checks.is_true(graphs[0].get_type() == "digraph", f"{what} should be a directed graph "
                   f"(digraph g {{ ... }}), got a {graphs[0].get_type()}")
    return Graph(graphs[0], what)
