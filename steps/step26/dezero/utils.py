"""Tools around the core: drawing a computational graph in the DOT language (Graphviz)."""

import os
import shutil
import subprocess


def _dot_var(v, verbose=False):
    """One DOT node for the Variable v: an orange ellipse labelled with its name.

    With verbose=True the label also gives the data's shape and dtype, e.g. `x: (2, 3) float64`.
    """
    raise NotImplementedError("TODO(step 26): write _dot_var(): the label is v's name ('' if it has none), plus shape and dtype if verbose")


def _live_outputs(f):
    """The outputs of f that still exist: f holds them through weak references (step 17)."""
    raise NotImplementedError('TODO(step 26): write _live_outputs(): call each weak reference; a dead one gives None')


def _dot_func(f):
    """One DOT node for the Function f (a light-blue box named after its class), and its edges:
    each input -> f, and f -> each output that is still alive."""
    raise NotImplementedError('TODO(step 26): write _dot_func(): a box node, then an edge from each input and one to each live output')


def get_dot_graph(output, verbose=True):
    """The graph that computed `output`, as DOT text: `digraph g { ... }`.

    It walks back from output through the creators, as backward() does, drawing each
    function once and each variable once.
    """
    raise NotImplementedError('TODO(step 26): write get_dot_graph(): walk back from output.creator as backward() does, each function once')


def plot_dot_graph(output, verbose=True, to_file="graph.png"):
    """Draw the graph of `output` into to_file (png, pdf, svg ...: its extension says which).

    The DOT text is written beside it (graph.png -> graph.dot), then Graphviz's `dot` command
    draws it. Without Graphviz, the .dot file is still written and one line says what to do.
    """
    raise NotImplementedError('TODO(step 26): write plot_dot_graph(): write the .dot file beside to_file, then run dot -T<extension> if it exists')
