"""Step 35: the graph of tanh's n-th derivative, drawn (the book's tanh.png).

Run it (`../../.venv/bin/python tanh_graph.py [n]` in this folder) to write tanh.png, the
graph that computes the n-th derivative (Graphviz draws it; without Graphviz, one line says
so and the DOT file is kept). The graph grows fast with n: every backward recorded adds
the functions of the one before, and more.
"""

import sys

import dezero.functions as F
import numpy as np
from dezero import Variable
from dezero.utils import plot_dot_graph


def nth_derivative(x, n):
    """tanh's n-th derivative at the Variable x (n ≥ 1), with the graph that computed it.

    Names the variables for the picture: x.name = "x", y.name = "y" (y = tanh(x)), and the
    result `gx<n>` (gx1 for the first derivative). Every backward is recorded: the graph is
    the point. (So it holds cycles through grads, which the cyclic collector frees.)
    """
    raise NotImplementedError('TODO(step 35): write nth_derivative(): tanh, backward with a graph, then n - 1 times backward of x.grad')


def main(n=1, to_file="tanh.png"):
    """The book's picture: the graph of tanh's n-th derivative at x = 1.0."""
    gx = nth_derivative(Variable(np.array(1.0)), n)
    plot_dot_graph(gx, verbose=False, to_file=to_file)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
