"""Step 52: every function, its backward, and every optimizer run on GPU data and keep it
there. The stand-in GPU (tests/gpu_standin.py) refuses np.<function> on its arrays and
NumPy arrays next to them, as CuPy does; the results must be the CPU's, to rounding."""

import numpy as np
import pytest

from kata import checks
from tests.gpu_standin import DeviceMixError, on_device, to_device, to_host

X = np.array([[0.5, -1.25, 2.0], [-0.75, 1.5, 0.25]])
LABELS = np.array([2, 0])

# name -> f(F, x, t): each a function of the package on x (2, 3), a scalar or an array out
FUNCTIONS = {
    "x * 2.0 + 1": lambda F, x, t: x * 2.0 + 1,
    "2.0 / x - x ** 3": lambda F, x, t: 2.0 / x - x ** 3,
    "1 - x, -x": lambda F, x, t: (1 - x) * -x,
    "exp": lambda F, x, t: F.exp(x),
    "sin": lambda F, x, t: F.sin(x),
    "cos": lambda F, x, t: F.cos(x),
    "tanh": lambda F, x, t: F.tanh(x),
    "reshape, transpose": lambda F, x, t: F.transpose(F.reshape(x, (3, 2))) * x,
    "sum(axis=1)": lambda F, x, t: F.sum(x, axis=1),
    "broadcast_to, sum_to": lambda F, x, t: F.sum_to(F.broadcast_to(x, (4, 2, 3)), (1, 3)),
    "x + a row (broadcast)": lambda F, x, t: x + x[0],
    "matmul": lambda F, x, t: F.matmul(x, x.T),
    "linear": lambda F, x, t: F.linear(x, x.T, x[0, :2]),
    "sigmoid": lambda F, x, t: F.sigmoid(x),
    "relu": lambda F, x, t: F.relu(x),
    "get_item": lambda F, x, t: x[[0, 0, 1], 1:],
    "softmax": lambda F, x, t: F.softmax(x),
    "log, clip": lambda F, x, t: F.log(F.clip(x, 0.1, 1.0)),
    "mean_squared_error": lambda F, x, t: F.mean_squared_error(x, x * 0.5),
    "softmax_cross_entropy": lambda F, x, t: F.softmax_cross_entropy(x, t),
}


def run(dezero, f, data, labels):
    """f's output and x's gradient, on data where it is (CPU or GPU)."""
    x, t = dezero.Variable(data), dezero.Variable(labels)
    y = f(dezero.functions, x, t)
    dezero.functions.sum(y).backward() if y.ndim else y.backward()
    return y.data, x.grad.data


def on_the_gpu(what, action):
    """action(), with CuPy's refusal turned into a failure that names what was running."""
    try:
        return action()
    except DeviceMixError as error:
        checks.fail(f"{what} on GPU data: {error}")


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_a_function_and_its_backward_stay_on_the_gpu(dezero_gpu, name):
    dezero, f = dezero_gpu, FUNCTIONS[name]
    y_cpu, gx_cpu = run(dezero, f, X, LABELS)
    y, gx = on_the_gpu(name, lambda: run(dezero, f, to_device(X), to_device(LABELS)))
    checks.is_true(on_device(y), f"{name} on GPU data gave a {type(y).__name__}: its result "
                   f"should be on the GPU too (an np. call converted it on the way)")
    checks.is_true(on_device(gx), f"the gradient of {name}, on GPU data, came back as a "
                   f"{type(gx).__name__}: backward should stay on the GPU (xp, not np)")
    checks.close(to_host(y), y_cpu, f"{name} on the GPU, against the same on the CPU")
    checks.close(to_host(gx), gx_cpu, f"the gradient of {name} on the GPU, against the CPU's")


def test_the_first_gradient_is_made_on_the_gpu(dezero_gpu):
    x = dezero_gpu.Variable(to_device(np.array([1.0, 2.0])))
    y = on_the_gpu("x * 3.0", lambda: (x * 3.0))
    on_the_gpu("backward", y.backward)
    checks.is_true(on_device(x.grad.data), "backward()'s first gradient (ones like y) should "
                   "be made with xp.ones_like, on y's device")


def test_the_zeros_for_a_dropped_output_are_made_on_the_gpu(dezero_gpu):
    got = []

    class Split(dezero_gpu.Function):
        def forward(self, x):
            return x * 2.0, x * 3.0

        def backward(self, gy0, gy1):
            got.append(gy1)
            return gy0 * 2.0  # gy1 is zeros, as the output is gone

    x = dezero_gpu.Variable(to_device(np.array([1.0, 2.0], dtype=np.float32)))
    y0 = Split()(x)[0]  # the other output is dropped at once
    on_the_gpu("backward through Split, one output dropped", y0.backward)
    checks.is_true(len(got) == 1 and got[0] is not None, "Split.backward should get zeros for "
                   "the dropped output (Function.output_grads)")
    zeros = getattr(got[0], "data", got[0])
    checks.is_true(on_device(zeros), f"the zeros for a dropped output of a function on GPU "
                   f"data came as {checks.kind_of(zeros)}: make them with xp.zeros, xp the "
                   f"module of the inputs, not np.zeros")
    checks.close(to_host(zeros), [0.0, 0.0], "the gradient of the dropped output")


def test_double_backprop_on_the_gpu(dezero_gpu):
    x = dezero_gpu.Variable(to_device(np.array(2.0)))

    def second_derivative():
        y = x ** 4
        y.backward(create_graph=True)
        gx = x.grad
        x.cleargrad()
        gx.backward()
        return x.grad.data

    ggx = on_the_gpu("x ** 4, differentiated twice", second_derivative)
    checks.is_true(on_device(ggx), "the second derivative, on GPU data, left the GPU")
    checks.close(to_host(ggx), 48.0, "d²/dx² x⁴ at x = 2 (12 x²), on the GPU")


def test_accuracy_on_the_gpu(dezero_gpu):
    scores = np.array([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])
    acc = on_the_gpu("F.accuracy", lambda: dezero_gpu.functions.accuracy(
        to_device(scores), to_device(np.array([1, 1, 1]))))
    checks.is_true(on_device(acc.data), f"F.accuracy on GPU scores gave a "
                   f"{type(acc.data).__name__}: make the 0-d result with xp")
    checks.close(to_host(acc.data), 2 / 3, "F.accuracy on the GPU")


OPTIMIZERS = ["SGD", "MomentumSGD", "AdaGrad", "AdaDelta", "Adam"]


def train(dezero, name, on_gpu, steps=3, move=to_device):
    """The loss after each of a few steps of an MLP trained with the optimizer name; on the
    GPU, the data moved there with move (the stand-in's to_device, or cupy.asarray)."""
    np.random.seed(0)
    model = dezero.models.MLP((4, 3))
    x = np.linspace(-1, 1, 10).reshape(5, 2)
    t = np.array([0, 1, 2, 1, 0])
    model(x)  # the lazy weights now exist, on the CPU, from the same seed on both sides
    if on_gpu:
        model.to_gpu()
        x, t = move(x), move(t)
    optimizer = getattr(dezero.optimizers, name)().setup(model)
    losses = []
    for _ in range(steps):
        loss = dezero.functions.softmax_cross_entropy(model(x), t)
        model.cleargrads()
        loss.backward()
        optimizer.update()
        losses.append(float(dezero.cuda.as_numpy(loss.data)))
    return losses, model


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_an_optimizer_updates_on_the_gpu(dezero_gpu, name):
    cpu_losses, _ = train(dezero_gpu, name, on_gpu=False)
    losses, model = on_the_gpu(f"optimizers.{name}",
                               lambda: train(dezero_gpu, name, on_gpu=True))
    left = [p.name for p in model.params() if not on_device(p.data)]
    checks.is_true(not left, f"after {name}'s updates on the GPU, parameters {left} left it: "
                   f"make its state (zeros_like, sqrt) with xp = cuda.get_array_module(param)")
    checks.close(losses, cpu_losses, f"the losses of 3 {name} steps on the GPU, against the "
                 f"CPU's")
