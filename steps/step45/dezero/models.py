"""Models: layers that are whole networks. `from dezero.models import MLP`."""

import dezero.functions as F
import dezero.layers as L
from dezero import utils
from dezero.layers import Layer


class Model(Layer):
    """A Layer that is a whole network, and can draw itself."""

    def plot(self, *inputs, to_file="model.png"):
        """Draw the graph the model builds on these inputs, with step 26's plot_dot_graph
        (verbose: shapes and dtypes); without Graphviz, the .dot file and one line."""
        raise NotImplementedError('TODO(step 45): write Model.plot(): forward on the inputs, then utils.plot_dot_graph of the result')


class MLP(Model):
    """A multi-layer perceptron: one L.Linear per output size, `activation` between them
    (not after the last: the output is left as it is, for the loss to use)."""

    def __init__(self, fc_output_sizes, activation=F.sigmoid):
        super().__init__()
        raise NotImplementedError('TODO(step 45): write MLP.__init__(): the activation; each Linear as attribute l0, l1, ... and in a list')

    def forward(self, x):
        raise NotImplementedError('TODO(step 45): write MLP.forward(): every layer but the last followed by the activation; then the last')
