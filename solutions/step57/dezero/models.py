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
        y = self.forward(*inputs)
        return utils.plot_dot_graph(y, verbose=True, to_file=to_file)


class MLP(Model):
    """A multi-layer perceptron: one L.Linear per output size, `activation` between them
    (not after the last: the output is left as it is, for the loss to use)."""

    def __init__(self, fc_output_sizes, activation=F.sigmoid):
        super().__init__()
        self.activation = activation
        self.layers = []
        for i, out_size in enumerate(fc_output_sizes):
            layer = L.Linear(out_size)
            setattr(self, "l" + str(i), layer)  # an attribute, so that params() finds it
            self.layers.append(layer)

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = self.activation(layer(x))
        return self.layers[-1](x)
