"""Step 61: what checkpoint keeps alive, counted with the cyclic GC off (reference counting
alone, as in step 17): nothing of a checkpointed block's graph during the forward pass, one
segment's graph at a time during backward, and nothing of it once backward returns."""

import gc
import weakref

import pytest

from kata import checks, leaks
from tests.checkpoint_nets import data, loss_of, segments


def block_functions(dezero) -> int:
    """How many Functions of the blocks (L.Linear's Linear, F.tanh's Tanh) are alive now."""
    kinds = (dezero.functions.Linear, dezero.functions.Tanh)
    return sum(1 for obj in gc.get_objects() if isinstance(obj, kinds))


class Probe:
    """Called after every block: counts the blocks' live Functions, and keeps weak
    references to what a recorded graph made (the values and their creators)."""

    def __init__(self, dezero):
        self.dezero = dezero
        self.forward, self.rerun, self.made = [], [], []

    def __call__(self, h):
        recording = self.dezero.Config.enable_backprop
        (self.rerun if recording else self.forward).append(block_functions(self.dezero))
        if recording:
            self.made += [weakref.ref(h), weakref.ref(h.creator)]


@pytest.mark.explains("must run fn under no_grad()")
@pytest.mark.parametrize("size", [1, 2], ids=["every block", "every 2 blocks"])
def test_a_checkpointed_forward_keeps_no_function_of_its_blocks(dezero, blocks, size):
    what = f"4 blocks, a checkpoint every {size}; loss.backward()"
    with leaks.no_cycles(dezero, what):
        probe = Probe(dezero)
        layers = blocks(4)
        x = dezero.Variable(data())
        loss = loss_of(dezero, segments(dezero, layers, size, probe=probe)(x))
        checks.equal(probe.rerun, [], "the blocks' Functions alive after each block that the "
                     "forward pass ran with the graph recorded (there should be no such block): "
                     "checkpoint's forward must run fn under no_grad()")
        checks.equal(probe.forward, [0, 0, 0, 0], f"the blocks' Functions alive after each "
                     f"block of the forward pass, a checkpoint every {size} block(s): under "
                     "no_grad() nothing keeps them (the plain graph has 2, 4, 6, 8)")
        checks.equal(block_functions(dezero), 0, "the blocks' Functions alive between the "
                     "forward pass and backward")
        loss.backward()
        per_segment = [2 * (i % size + 1) for i in range(4)]  # counted block by block
        checks.equal(probe.rerun, per_segment, "the blocks' Functions alive after each block "
                     f"of the reruns during backward (a checkpoint every {size} block(s)): "
                     "one segment's graph at a time, the previous one freed before the next "
                     "rerun")
        del loss, x, layers, probe


def test_the_recomputed_graph_is_freed_when_backward_returns(dezero, blocks):
    with leaks.no_cycles(dezero, "3 checkpointed blocks; loss.backward(); del loss"):
        probe = Probe(dezero)
        layers = blocks(3)
        x = dezero.Variable(data())
        loss = loss_of(dezero, segments(dezero, layers, 1, probe=probe)(x))
        loss.backward()
        checks.equal(len(probe.made), 6, "values and Functions the reruns recorded (one "
                     "block's output and its Tanh, per checkpoint)")
        alive = sum(1 for ref in probe.made if ref() is not None)
        checks.equal(alive, 0, "of the values and Functions checkpoint's reruns recorded, the "
                     "ones still alive once loss.backward() returned (the loss still held): "
                     "the rerun's graph must not be kept (on the Checkpoint, in a list, ...)")
        checks.equal(block_functions(dezero), 0, "the blocks' Functions alive after backward")
        checks.is_true(all(layer.fc.W.grad is not None for layer in layers),
                       "every block's W has a grad after backward")
        del loss, x, layers, probe


def test_a_training_loop_with_checkpoints_leaves_nothing(dezero, blocks):
    with leaks.no_cycles(dezero, "3 SGD steps through 4 blocks, a checkpoint every 2"):
        layers = blocks(4)
        optimizer = dezero.optimizers.SGD(0.1)
        model = dezero.Model()
        model.blocks = layers  # (a list: params() would not see it; set them one by one)
        for i, layer in enumerate(layers):
            setattr(model, f"b{i}", layer)
        optimizer.setup(model)
        losses = []
        for _ in range(3):
            model.cleargrads()
            loss = loss_of(dezero, segments(dezero, layers, 2)(dezero.Variable(data())))
            loss.backward()
            optimizer.update()
            losses.append(float(loss.data))
        checks.is_true(losses[-1] < losses[0], f"the loss over 3 SGD steps through "
                       f"checkpoints should fall, got {checks.show(losses)}")
        del loss, layers, layer, optimizer, model
