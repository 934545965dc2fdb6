"""Step 61: y = checkpoint(fn, x) has fn's value, and backward gives every input and every
parameter the gradient the plain graph gives, however the network is cut into checkpoints."""

import numpy as np
import pytest

from kata import checks
from tests.checkpoint_nets import data, loss_of, segments, sequence

CUTS = {  # how a network of 4 blocks is cut: blocks per checkpoint
    "a checkpoint per block": 1,
    "a checkpoint every 2 blocks": 2,
    "one checkpoint around all 4 blocks": 4,
}


def gradients(dezero, layers, run, x_data):
    """Run the network, backward from the loss: (loss value, x.grad, every parameter's grad)."""
    for layer in layers:
        layer.cleargrads()
    x = dezero.Variable(x_data.copy())
    loss = loss_of(dezero, run(x))
    loss.backward()
    params = {f"block {i} {name}": getattr(layer.fc, name).grad.data
              for i, layer in enumerate(layers) for name in ("W", "b")}
    return loss.data, x.grad.data, params


def same_gradients(got, expected, what):
    """Equal to rounding: the same products, added up in the same order or nearly."""
    loss, gx, params = got
    loss0, gx0, params0 = expected
    checks.close(loss, loss0, f"the loss with {what}, against the plain graph", rtol=1e-12)
    checks.close(gx, gx0, f"x.grad with {what}, against the plain graph", rtol=1e-10,
                 atol=1e-13)
    for name, grad in params.items():
        checks.close(grad, params0[name], f"{name}.grad (the block's L.Linear) with {what}, "
                     "against the plain graph: checkpoint's rerun must backpropagate into the "
                     "parameters too", rtol=1e-10, atol=1e-13)


def test_checkpoint_gives_fn_of_the_inputs(dezero, blocks):
    layers = blocks(2)
    x = dezero.Variable(data())
    fn = sequence(layers)
    y = dezero.utils.checkpoint(fn, x)
    checks.instance(y, dezero.Variable, "checkpoint(fn, x), fn = two blocks")
    checks.close(y.data, fn(dezero.Variable(data())).data, "checkpoint(fn, x).data against "
                 "fn(x).data, fn = two blocks tanh(x W + b)")
    checks.is_true(y.creator is not None, "checkpoint(fn, x).creator is None: checkpoint must "
                   "be a Function in the graph (a Checkpoint), so that backward reaches it")
    checks.is_true(len(y.creator.inputs) == 1 and y.creator.inputs[0] is x,
                   f"y.creator.inputs for y = checkpoint(fn, x) should be [x] itself, got "
                   f"{checks.show(y.creator.inputs)}")


def test_float32_stays_float32(dezero):
    x = dezero.Variable(np.array([1.0, -2.0, 3.0], dtype=np.float32))
    y = dezero.utils.checkpoint(lambda v: dezero.functions.tanh(v) * 2.0, x)
    checks.equal(y.dtype, np.float32, "checkpoint(lambda v: tanh(v) * 2.0, x).dtype, x float32")
    y.backward()
    checks.equal(x.grad.dtype, np.float32, "x.grad.dtype after y.backward(), x float32")
    checks.close(x.grad, 2 * (1 - np.tanh(x.data) ** 2), "x.grad, y = 2 tanh(x)", rtol=1e-5)


@pytest.mark.parametrize("residual", [False, True], ids=["chain", "residual"])
@pytest.mark.parametrize("cut", CUTS)
def test_same_gradients_as_the_plain_graph(dezero, blocks, cut, residual):
    layers = blocks(4)
    x = data()
    what = cut + (", residual blocks (x + block(x))" if residual else "")
    expected = gradients(dezero, layers, segments(dezero, layers, 0, residual), x)
    got = gradients(dezero, layers, segments(dezero, layers, CUTS[cut], residual), x)
    same_gradients(got, expected, what)


def test_gradients_against_numerical_differentiation(dezero, blocks):
    layers = blocks(3)
    x = data()
    loss, gx, params = gradients(dezero, layers, segments(dezero, layers, 1), x)

    def plain_loss(x_data):
        return loss_of(dezero, segments(dezero, layers, 0)(dezero.Variable(x_data))).data

    checks.close(gx, checks.numerical_grad(plain_loss, x), "x.grad through 3 checkpointed "
                 "blocks, against numerical differentiation", rtol=1e-5, atol=1e-8)
    for i, layer in enumerate(layers):
        for name in ("W", "b"):
            param = getattr(layer.fc, name)
            original = param.data

            def loss_at(value, param=param):
                param.data = value
                return plain_loss(x)

            expected = checks.numerical_grad(loss_at, original)
            param.data = original
            checks.close(params[f"block {i} {name}"], expected, f"block {i}'s {name}.grad "
                         "through 3 checkpointed blocks, against numerical differentiation",
                         rtol=1e-5, atol=1e-8)


def test_nested_checkpoints(dezero, blocks):
    layers = blocks(4)
    x = data()
    expected = gradients(dezero, layers, segments(dezero, layers, 0), x)

    def outer(v):  # a checkpoint around two, each of two checkpointed blocks
        return segments(dezero, layers, 2)(v)

    got = gradients(dezero, layers, lambda v: dezero.utils.checkpoint(outer, v), x)
    same_gradients(got, expected, "checkpoints inside a checkpoint")


def test_several_inputs_one_used_twice_one_unused(dezero):
    a = dezero.Variable(np.array([1.0, 2.0]))
    b = dezero.Variable(np.array([3.0, -1.0]))
    unused = dezero.Variable(np.array([[5.0, 6.0, 7.0]]))
    y = dezero.utils.checkpoint(lambda p, q, r: p * q + p, a, b, unused)
    z = y + a  # a reaches z by two paths: through the checkpoint and around it
    z.backward()
    checks.close(a.grad, b.data + 2.0, "a.grad for z = checkpoint(lambda p, q, r: p * q + p, "
                 "a, b, c) + a")
    checks.close(b.grad, a.data, "b.grad for the same z")
    checks.close(unused.grad, np.zeros((1, 3)), "c.grad for the same z (fn does not use its "
                 "third input: a zero gradient of c's shape, not None)")


def test_two_inputs_each_get_their_gradient(dezero):
    a = dezero.Variable(np.array([1.0, 2.0]))
    b = dezero.Variable(np.array([3.0, -1.0]))
    y = dezero.utils.checkpoint(lambda p, q: p * q, a, b)
    y.backward()
    for name, got, expected in [("a", a.grad, b.data), ("b", b.grad, a.data)]:
        checks.close(got, expected, f"{name}.grad for y = checkpoint(lambda p, q: p * q, a, b)"
                     f" (Checkpoint.backward returns one gradient per input: 2 here)")


def test_create_graph_is_refused_in_one_line(dezero):
    x = dezero.Variable(np.array([1.0, 2.0]))
    y = dezero.utils.checkpoint(dezero.square, x)
    try:
        y.backward(create_graph=True)
    except NotImplementedError as error:
        if str(error).startswith("TODO(step"):
            checks.fail(f"checkpoint's backward is not written yet ({error})")
        raise
    except RuntimeError as error:
        message = str(error)
        checks.is_true("create_graph" in message and "\n" not in message,
                       f"the error of backward(create_graph=True) through checkpoint should "
                       f"be one line naming create_graph, got: {message!r}")
    else:
        checks.fail("y.backward(create_graph=True), y = checkpoint(square, x): expected a "
                    "RuntimeError saying that checkpoint does not support create_graph, but "
                    f"nothing was raised (x.grad: {checks.show(x.grad)})")
    x.cleargrad()
    y.backward()
    checks.close(x.grad, [2.0, 4.0], "x.grad after the refusal, then y.backward() without "
                 "create_graph (the refusal must leave y usable)")


# -- randomness inside a checkpoint: the rerun draws the same dropout mask ------------------

def train_step_with_dropout(dezero, layers, size, seed):
    """One forward and backward from np.random.seed(seed): (gradients, np.random's state)."""
    np.random.seed(seed)
    result = gradients(dezero, layers, segments(dezero, layers, size), data())
    return result, np.random.get_state()


def same_random_state(one, other) -> bool:
    """Two np.random.get_state() tuples are the same state: the key array AND the position
    in it (the key array alone stays the same for hundreds of draws), the cached gaussian."""
    return (one[0] == other[0] and np.array_equal(one[1], other[1])
            and tuple(one[2:]) == tuple(other[2:]))


def test_dropout_draws_the_same_mask_in_the_rerun(dezero, blocks):
    layers = blocks(4, dropout=0.5)
    expected, state = train_step_with_dropout(dezero, layers, 0, seed=3)
    got, state_after = train_step_with_dropout(dezero, layers, 2, seed=3)
    loss, gx, params = got
    checks.close(loss, expected[0], "the loss of 4 blocks with F.dropout(0.5), checkpointed "
                 "every 2 blocks, against the plain graph from the same np.random.seed(3)",
                 rtol=1e-12)
    unequal = [name for name, grad in params.items()
               if not np.allclose(grad.data, expected[2][name].data, rtol=1e-10, atol=1e-13)]
    checks.is_true(not unequal, f"with F.dropout inside the checkpoints, {unequal[:1]} and "
                   f"{len(unequal) - 1} more grads differ from the plain graph's: the rerun drew "
                   "another mask. Save np.random.get_state() in forward() and set it back with "
                   "np.random.set_state() before the rerun")
    same_gradients(got, expected, "F.dropout inside checkpoints")
    checks.is_true(same_random_state(state_after, state),
                   f"np.random's state after forward and backward through checkpoints with "
                   f"dropout differs from the plain graph's (position {state_after[2]} in the "
                   f"generator's key, expected {state[2]}): after the rerun, put back with "
                   f"np.random.set_state() the state the rerun found, so the program draws "
                   f"what it would have drawn without checkpoint")


@pytest.mark.parametrize("backward_in_test_mode", [True, False],
                         ids=["train-then-test", "test-then-train"])
def test_the_rerun_uses_the_mode_of_the_forward_pass(dezero, blocks, backward_in_test_mode):
    layers = blocks(2, dropout=0.5)

    def step(size):
        np.random.seed(5)
        for layer in layers:
            layer.cleargrads()
        x = dezero.Variable(data())
        if backward_in_test_mode:  # forward in training mode, backward under test_mode()
            loss = loss_of(dezero, segments(dezero, layers, size)(x))
            with dezero.test_mode():
                loss.backward()
        else:
            with dezero.test_mode():
                loss = loss_of(dezero, segments(dezero, layers, size)(x))
            loss.backward()
        return x.grad.data, layers[0].fc.W.grad.data

    expected, got = step(0), step(1)
    mode = ("forward in training mode, backward under test_mode()" if backward_in_test_mode
            else "forward under test_mode(), backward in training mode")
    for name, g, e in zip(("x.grad", "block 0 W.grad"), got, expected):
        checks.close(g, e, f"{name}, {mode}, a checkpoint per block with F.dropout: the rerun "
                     "must run in the mode the forward pass ran in (save Config.train)",
                     rtol=1e-10, atol=1e-13)
