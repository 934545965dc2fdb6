"""Step 45: MLP(fc_output_sizes, activation=F.sigmoid), and the book's two-layer network
written as a Model."""

import numpy as np
import pytest

from kata import checks

BOOK_FIRST_LOSS = 0.8165178492839196  # the book's first printed loss (steps 43 to 46)
LOSS_AT_200 = 0.2523074520191274  # what the reference gives after 200 iterations


def test_an_mlp_is_linear_layers(dezero, L, models):
    model = models.MLP((10, 3))
    checks.instance(model, dezero.Model, "MLP((10, 3))")
    checks.instance(model, dezero.Layer, "MLP((10, 3)) (a Model is a Layer)")
    layers = getattr(model, "layers", None)
    checks.is_true(isinstance(layers, list) and len(layers) == 2, f"MLP((10, 3)).layers: "
                   f"expected a list of two layers, got {checks.show(layers)}")
    for i, size in enumerate((10, 3)):
        layer = getattr(model, f"l{i}", None)
        checks.instance(layer, L.Linear, f"MLP((10, 3)).l{i}")
        checks.is_true(layer is layers[i], f"MLP((10, 3)).l{i} should be layers[{i}]")
        checks.equal(layer.out_size, size, f"MLP((10, 3)).l{i}.out_size")
    model(np.ones((2, 5)))
    checks.equal(sorted(p.shape for p in model.params()), [(3,), (5, 10), (10,), (10, 3)],
                 "the shapes of MLP((10, 3))'s Parameters after a call with x of shape (2, 5)")


def test_forward_puts_the_activation_between_the_layers(dezero, models):
    calls = []

    def activation(x):
        calls.append(x.shape)
        return x * 2

    model = models.MLP((4, 3, 2), activation=activation)
    x = checks.seeded().standard_normal((5, 6))
    y = model(x)
    W = [layer.W.data for layer in model.layers]
    b = [layer.b.data for layer in model.layers]
    expected = ((x @ W[0] + b[0]) * 2 @ W[1] + b[1]) * 2 @ W[2] + b[2]
    checks.equal(calls, [(5, 4), (5, 3)], "the shapes the activation got in MLP((4, 3, 2), "
                 "activation)(x): after every layer but the last")
    checks.close(y, expected, "MLP((4, 3, 2), activation=lambda x: x * 2)(x)", rtol=1e-5)
    one = models.MLP((3,), activation=activation)
    calls.clear()
    checks.close(one(x), x @ one.l0.W.data, "MLP((3,))(x): one Linear, no activation after it",
                 rtol=1e-5, atol=1e-6)
    checks.equal(calls, [], "the activation's calls in MLP((3,))(x)")


def test_the_default_activation_is_sigmoid(dezero, F, models):
    model = models.MLP((4, 2))
    x = checks.seeded().standard_normal((3, 2))
    y = model(x)
    l0, l1 = model.layers
    hidden = 1 / (1 + np.exp(-(x @ l0.W.data + l0.b.data)))
    checks.close(y, hidden @ l1.W.data + l1.b.data, "MLP((4, 2))(x): sigmoid between the "
                 "layers (activation=F.sigmoid)", rtol=1e-5)


def sine_data():
    """The book's data (seed 0): 100 points of a sine with noise."""
    np.random.seed(0)
    x = np.random.rand(100, 1)
    return x, np.sin(2 * np.pi * x) + np.random.rand(100, 1)


def train(dezero, F, model, x, y, iterations):
    losses = []
    for _ in range(iterations):
        loss = F.mean_squared_error(y, model(x))
        model.cleargrads()
        loss.backward()
        for p in model.params():
            p.data -= 0.2 * p.grad.data
        losses.append(float(loss.data))
    return losses


@pytest.mark.parametrize("kind", ["TwoLayerNet(10, 1)", "MLP((10, 1))"])
def test_the_books_network_as_a_model(dezero, L, F, models, global_seed, kind):
    class TwoLayerNet(dezero.Model):  # the book's: a Model with two layers as attributes
        def __init__(self, hidden_size, out_size):
            super().__init__()
            self.l1 = L.Linear(hidden_size)
            self.l2 = L.Linear(out_size)

        def forward(self, x):
            return self.l2(F.sigmoid(self.l1(x)))

    x, y = sine_data()
    model = TwoLayerNet(10, 1) if kind.startswith("Two") else models.MLP((10, 1))
    losses = train(dezero, F, model, x, y, 200)
    checks.close(losses[0], BOOK_FIRST_LOSS, f"the first loss of the book's loop with {kind} "
                 f"(seed 0, lr 0.2): the same as with step 44's two loose layers", rtol=1e-6)
    checks.close(losses[-1], LOSS_AT_200, f"the loss after 200 iterations with {kind}, "
                 f"model.params() updated (are all four Parameters found and updated?)",
                 rtol=1e-5)
