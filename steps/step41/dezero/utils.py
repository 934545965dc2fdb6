"""Tools around the core: drawing a computational graph in the DOT language (Graphviz),
and the shape helpers of the tensor functions (from step 39)."""

import os
import shutil
import subprocess

import numpy as np  # sum_to: a 0-d sum must stay an ndarray


def _dot_var(v, verbose=False):
    """One DOT node for the Variable v: an orange ellipse labelled with its name.

    With verbose=True the label also gives the data's shape and dtype, e.g. `x: (2, 3) float64`.
    """
    label = "" if v.name is None else v.name
    if verbose and v.data is not None:
        if v.name is not None:
            label += ": "
        label += f"{v.shape} {v.dtype}"
    # id(v) is unique while v is alive: a node name no other node of the graph has
    return f'{id(v)} [label="{label}", color=orange, style=filled]\n'


def _live_outputs(f):
    """The outputs of f that still exist: f holds them through weak references (step 17)."""
    return [y for y in (ref() for ref in f.outputs) if y is not None]


def _dot_func(f):
    """One DOT node for the Function f (a light-blue box named after its class), and its edges:
    each input -> f, and f -> each output that is still alive."""
    text = f'{id(f)} [label="{type(f).__name__}", color=lightblue, style=filled, shape=box]\n'
    for x in f.inputs:
        text += f"{id(x)} -> {id(f)}\n"
    for y in _live_outputs(f):  # an output nobody keeps is gone: no node to point at
        text += f"{id(f)} -> {id(y)}\n"
    return text


def get_dot_graph(output, verbose=True):
    """The graph that computed `output`, as DOT text: `digraph g { ... }`.

    It walks back from output through the creators, as backward() does, drawing each
    function once and each variable once.
    """
    text = [_dot_var(output, verbose)]
    drawn = {id(output)}
    funcs = []
    seen = set()

    def add_func(f):
        if f is not None and f not in seen:
            seen.add(f)
            funcs.append(f)  # the order does not matter for a picture: no generations needed

    add_func(output.creator)
    while funcs:
        f = funcs.pop()
        text.append(_dot_func(f))
        # every end of f's edges gets its node: its inputs, and other outputs still alive
        for v in f.inputs + _live_outputs(f):
            if id(v) not in drawn:
                drawn.add(id(v))
                text.append(_dot_var(v, verbose))
        for x in f.inputs:
            add_func(x.creator)
    return "digraph g {\n" + "".join(text) + "}"


def plot_dot_graph(output, verbose=True, to_file="graph.png"):
    """Draw the graph of `output` into to_file (png, pdf, svg ...: its extension says which).

    The DOT text is written beside it (graph.png -> graph.dot), then Graphviz's `dot` command
    draws it. Without Graphviz, the .dot file is still written and one line says what to do.
    """
    dot_file = os.path.splitext(to_file)[0] + ".dot"
    with open(dot_file, "w", encoding="utf-8") as file:
        file.write(get_dot_graph(output, verbose))

    extension = os.path.splitext(to_file)[1][1:] or "png"
    command = ["dot", dot_file, "-T", extension, "-o", to_file]
    dot = shutil.which("dot")
    if dot is None:
        print(f"Graphviz is not installed (no `dot` command): wrote {dot_file}; to draw "
              f"{to_file}, install Graphviz and run: {' '.join(command)}")
        return
    # check=True: a dot that fails raises CalledProcessError (its message is on the screen)
    subprocess.run([dot, *command[1:]], check=True)


def reshape_sum_backward(gy, x_shape, axis, keepdims):
    """gy, the gradient of a sum of x over axis, reshaped so that it broadcasts against x.

    A sum with keepdims=False drops the summed axes: x of shape (2, 3, 4) summed over axis 1
    gives (2, 4). Its gradient then needs the axis back, with size 1: (2, 1, 4).
    """
    ndim = len(x_shape)
    if ndim == 0 or axis is None or keepdims:
        return gy  # a 0-d sum, or the kept axes: gy already lines up with x
    axes = axis if isinstance(axis, tuple) else (axis,)
    shape = list(gy.shape)
    for a in sorted(a % ndim for a in axes):
        shape.insert(a, 1)
    return gy.reshape(shape)


def sum_to(x, shape):
    """The ndarray x summed down to shape: what undoes NumPy broadcasting shape up to x's.

    Broadcasting adds axes in front and stretches axes of size 1, so summing goes over the
    leading axes x has in excess, and over the axes where shape has a 1 (kept, with size 1).
    """
    lead = x.ndim - len(shape)
    lead_axes = tuple(range(lead))
    ones = tuple(lead + i for i, size in enumerate(shape) if size == 1)
    y = x.sum(lead_axes + ones, keepdims=True)
    if lead > 0:
        y = y.squeeze(lead_axes)
    return np.asarray(y)  # a 0-d x sums to a NumPy scalar: keep it an ndarray
