"""Step 46: Optimizer (setup, update, update_one, add_hook) and its rules: SGD, MomentumSGD,
and from the book's repository AdaGrad, AdaDelta and Adam. Each rule is checked against its
formula, update by update, on parameters whose gradients are set by hand."""

import math

import numpy as np
import pytest

from kata import checks

NAMES = ["SGD", "MomentumSGD", "AdaGrad", "AdaDelta", "Adam"]
GRADS = [  # the gradients of a and b at three updates in a row
    (np.array([0.5, -1.0, 2.0]), np.array([[1.0, -0.5], [0.25, 3.0]])),
    (np.array([0.4, 0.2, -1.0]), np.array([[-2.0, 0.5], [0.0, 1.0]])),
    (np.array([-0.3, 0.6, 0.7]), np.array([[0.5, 1.5], [-1.0, -0.5]])),
]


def set_grads(dezero, layer, grads, dtype=np.float64):
    for param, grad in zip((layer.a, layer.b), grads):
        param.grad = dezero.Variable(grad.astype(dtype))


def reference(name, data, grad_steps, **options):
    """The rule's formula, in plain NumPy, for one parameter over several updates."""
    p = data.copy()
    state = {"m": np.zeros_like(p), "v": np.zeros_like(p), "h": np.zeros_like(p),
             "dx2": np.zeros_like(p)}
    for t, g in enumerate(grad_steps, start=1):
        if name == "SGD":
            p = p - options.get("lr", 0.01) * g
        elif name == "MomentumSGD":
            state["v"] = options.get("momentum", 0.9) * state["v"] - options.get("lr", 0.01) * g
            p = p + state["v"]
        elif name == "AdaGrad":
            state["h"] = state["h"] + g * g
            p = p - options.get("lr", 0.001) * g / (np.sqrt(state["h"]) + options.get("eps", 1e-8))
        elif name == "AdaDelta":
            rho, eps = 0.95, options.get("eps", 1e-6)
            state["v"] = rho * state["v"] + (1 - rho) * g * g  # mean square of the grads
            dx = np.sqrt((state["dx2"] + eps) / (state["v"] + eps)) * g
            state["dx2"] = rho * state["dx2"] + (1 - rho) * dx * dx  # ... and of the steps
            p = p - dx
        elif name == "Adam":  # Kingma and Ba's bias correction, folded into the rate
            alpha, beta1, beta2 = options.get("alpha", 0.001), 0.9, 0.999
            state["m"] = beta1 * state["m"] + (1 - beta1) * g
            state["v"] = beta2 * state["v"] + (1 - beta2) * g * g
            rate = alpha * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
            # (m / (1 - beta1 ** t)) / sqrt(v / (1 - beta2 ** t)), with eps beside sqrt(v)
            p = p - rate * state["m"] / (np.sqrt(state["v"]) + options.get("eps", 1e-8))
    return p


OPTIONS = {"SGD": {"lr": 0.1}, "MomentumSGD": {"lr": 0.1, "momentum": 0.8},
           "AdaGrad": {"lr": 0.2}, "AdaDelta": {}, "Adam": {"alpha": 0.05}}


@pytest.mark.parametrize("name", NAMES)
def test_setup_returns_the_optimizer(dezero, optimizers, two_params, name):
    layer = two_params()
    optimizer = getattr(optimizers, name)()
    got = optimizer.setup(layer)
    checks.is_true(got is optimizer, f"{name}().setup(model) should return the optimizer "
                   f"itself (so that `optimizer = {name}().setup(model)` works); got "
                   f"{checks.kind_of(got)}")
    checks.is_true(optimizer.target is layer, f"{name}().setup(model): optimizer.target should "
                   f"be the model")


@pytest.mark.parametrize("name", NAMES)
def test_three_updates_follow_the_formula(dezero, optimizers, two_params, name):
    layer = two_params()
    start = [layer.a.data.copy(), layer.b.data.copy()]
    optimizer = getattr(optimizers, name)(**OPTIONS[name]).setup(layer)
    arguments = ", ".join(f"{key}={value}" for key, value in OPTIONS[name].items())
    for count, grads in enumerate(GRADS, start=1):
        set_grads(dezero, layer, grads)
        optimizer.update()
        for index, param in enumerate((layer.a, layer.b)):
            expected = reference(name, start[index], [g[index] for g in GRADS[:count]],
                                 **OPTIONS[name])
            checks.close(param.data, expected, f"{param.name} after {count} update(s) of "
                         f"{name}({arguments}) (each parameter has its own state: keyed by "
                         f"id(param))", rtol=1e-6, atol=1e-9)


# Where eps goes in each rule, and gradients that make it matter: element 0 has a gradient of
# 0 from the start (0 / 0 without eps), element 1 a tiny one (of the order of eps itself).
EPS_RULES = {"AdaGrad": "lr * grad / (sqrt(h) + eps)",
             "AdaDelta": "sqrt((msdx + eps) / (msg + eps)) * grad",
             "Adam": "lr * m / (sqrt(v) + eps)"}
EPS_GRADS = [np.array([0.0, 1e-9, 1e-3, 2.0]), np.array([0.0, -3e-9, 0.5, -1.0])]


@pytest.mark.explains("where eps goes")
@pytest.mark.parametrize("eps", [None, 0.1], ids=["eps by default", "eps=0.1"])
@pytest.mark.parametrize("name", list(EPS_RULES))
def test_eps_keeps_the_step_finite(dezero, optimizers, name, eps):
    start = np.array([1.0, -0.5, 2.0, 0.3])
    options = {} if eps is None else {"eps": eps}
    param = dezero.Parameter(start.copy(), name="p")
    layer = dezero.Layer()
    layer.p = param
    optimizer = getattr(optimizers, name)(**options).setup(layer)
    call = f"{name}({'' if eps is None else f'eps={eps}'})"
    for count, grad in enumerate(EPS_GRADS, start=1):
        param.grad = dezero.Variable(grad.copy())
        optimizer.update()
        got = param.data
        what = (f"p after {count} update(s) of {call}, p.grad {checks.show(grad)} then "
                f"{checks.show(EPS_GRADS[1])}, where eps goes: {EPS_RULES[name]}")
        checks.is_true(not np.isnan(got).any(),
                       f"{what}; got {checks.show(got)}: NaN where the gradient was 0 from the "
                       f"start (0 / 0 without eps)")
        expected = reference(name, start, EPS_GRADS[:count], **options)
        checks.close(got, expected, what, rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_float32_stays_float32(dezero, optimizers, two_params, name):
    layer = two_params(np.float32)
    optimizer = getattr(optimizers, name)().setup(layer)
    for grads in GRADS[:2]:
        set_grads(dezero, layer, grads, np.float32)
        optimizer.update()
    for param in (layer.a, layer.b):
        checks.equal(param.data.dtype, np.dtype(np.float32), f"the dtype of {param.name} after "
                     f"two updates of {name}() on float32 parameters")


@pytest.mark.parametrize("name", NAMES)
def test_a_parameter_without_a_gradient_is_left_alone(dezero, optimizers, two_params, name):
    layer = two_params()
    b = layer.b.data.copy()
    layer.a.grad = dezero.Variable(GRADS[0][0])  # b took no part: its grad is None
    getattr(optimizers, name)().setup(layer).update()
    checks.close(layer.b.data, b, f"b after {name}().update(), b.grad None: a parameter "
                 f"without a gradient is skipped (update() filters them out)")
    checks.is_true(not np.allclose(layer.a.data, [1.0, -2.0, 0.5]),
                   f"a should have moved after {name}().update() (its grad was set)")


def test_hooks_run_first_with_the_parameters_to_update(dezero, optimizers, two_params):
    layer = two_params()
    seen = []

    def weight_decay(params):  # as the book's WeightDecay hook: grads += rate * data
        seen.append(sorted(p.name for p in params))
        for p in params:
            p.grad.data = p.grad.data + 1.0 * p.data

    optimizer = optimizers.SGD(lr=0.1).setup(layer)
    optimizer.add_hook(weight_decay)
    a = layer.a.data.copy()
    layer.a.grad = dezero.Variable(np.zeros(3))
    optimizer.update()
    checks.equal(seen, [["a"]], "the parameters the hook got, once per update(): those "
                 "with a gradient (b had none)")
    checks.close(layer.a.data, a - 0.1 * a, "a after SGD(0.1).update() with a hook that adds "
                 "a to its (zero) grad: the hooks run before the update")


def test_adams_learning_rate_is_bias_corrected(dezero, optimizers, two_params):
    optimizer = optimizers.Adam(alpha=0.01).setup(two_params())
    for t in (1, 2, 3):
        set_grads(dezero, optimizer.target, GRADS[t - 1])
        optimizer.update()
        checks.equal(optimizer.t, t, f"Adam's t after {t} update(s)")
        expected = 0.01 * math.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        checks.close(optimizer.lr, expected, f"Adam(alpha=0.01).lr after {t} update(s): "
                     f"alpha * sqrt(1 - beta2 ** t) / (1 - beta1 ** t)")


def sine_data():
    np.random.seed(0)
    x = np.random.rand(100, 1)
    return x, np.sin(2 * np.pi * x) + np.random.rand(100, 1)


LOSS_AT_200 = {"SGD": 0.2523074520191274,  # step 45's loop, p.data -= lr * p.grad.data
               "MomentumSGD": 0.25044386719132405}  # what the reference gives


@pytest.mark.parametrize("name", ["SGD", "MomentumSGD"])
def test_the_books_training_with_an_optimizer(dezero, optimizers, F, global_seed, name):
    x, y = sine_data()
    model = dezero.models.MLP((10, 1))
    optimizer = getattr(optimizers, name)(0.2).setup(model)
    for _ in range(200):
        loss = F.mean_squared_error(y, model(x))
        model.cleargrads()
        loss.backward()
        optimizer.update()
    checks.close(float(loss.data), LOSS_AT_200[name], f"the loss after 200 iterations of the "
                 f"book's script with optimizers.{name}(0.2) (seed 0, MLP((10, 1)))", rtol=1e-5)
