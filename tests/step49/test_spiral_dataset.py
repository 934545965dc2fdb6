"""Step 49 (solutions/step49/spiral_dataset.py): step 48's training with batches made from a
Dataset, checked by its results: step 48's very losses (same data, same order)."""

import numpy as np
import pytest

from kata import checks
from tests.exercise_files import load

pytestmark = pytest.mark.until(49)  # spiral_dataset.py belongs to step 49's folder alone

# step 48's train(max_epoch=3, batch_size=40): the same numbers from a Dataset
FIRST_EPOCHS = [1.1352330446243286, 1.0634585618972778, 0.9948925892512004]


@pytest.fixture
def exercise(dezero, impl_folder):
    dezero.Variable  # noqa: B018  (the dezero fixture first: it puts the folder on the path)
    return load(impl_folder, "spiral_dataset.py", 49)


def test_get_batch_stacks_the_examples(dezero, exercise):
    class Pairs(dezero.datasets.Dataset):
        def prepare(self):
            self.data = np.arange(12.0).reshape(6, 2)
            self.label = np.arange(6) * 10

    x, t = exercise.get_batch(Pairs(transform=lambda x: -x), np.array([4, 1, 5]))
    checks.close(x, -np.array([[8.0, 9.0], [2.0, 3.0], [10.0, 11.0]]), "x of get_batch(dataset, "
                 "[4, 1, 5]): the rows 4, 1, 5, each through the dataset's transform (x -> -x)")
    checks.close(t, np.array([40, 10, 50]), "t of get_batch(dataset, [4, 1, 5])")


def test_the_losses_are_step_48s(dezero, exercise):
    model, losses = exercise.train(max_epoch=3, batch_size=40)
    checks.instance(model, dezero.Model, "the model train() returns")
    checks.close(losses, FIRST_EPOCHS, "the average losses of the first 3 epochs of "
                 "train(max_epoch=3, batch_size=40): step 48's numbers (the same data in "
                 "the same order, only taken out of a Dataset)", rtol=1e-6)
    checks.is_true(all(isinstance(loss, float) for loss in losses), f"train() should return "
                   f"the losses as floats; got {[type(loss).__name__ for loss in losses]}")
