"""Step 48 (solutions/step48/spiral.py): the book's training on the spiral, checked by its
results: the book's first epochs exactly (seeded by get_spiral), then a falling loss and
points told apart; accuracy under no_grad; the figure is optional."""

import sys

import numpy as np
import pytest

from kata import checks
from tests.exercise_files import load

pytestmark = pytest.mark.until(48)  # spiral.py belongs to step 48's folder alone

# train(max_epoch=3, batch_size=40): batches of 40, the last of 20, so weighting counts
FIRST_EPOCHS = [1.1352330446243286, 1.0634585618972778, 0.9948925892512004]
MISTAKES = {
    "the plain mean of the batch losses: weigh each by its batch size (the last is smaller)":
        [1.1375150829553604, 1.0606600195169449, 0.9905659407377243],
    "one permutation for the whole training: draw a new order at the start of every epoch":
        [1.1352330446243286, 1.0789278030395508, 1.0071671644846598],
}


@pytest.fixture
def exercise(dezero, impl_folder):
    dezero.Variable  # noqa: B018  (the dezero fixture first: it puts the folder on the path)
    return load(impl_folder, "spiral.py", 48)


def test_the_first_epochs_are_the_books(dezero, exercise):
    model, losses = exercise.train(max_epoch=3, batch_size=40)
    checks.instance(model, dezero.Model, "the model train() returns")
    checks.equal(len(losses), 3, "how many average losses train(max_epoch=3) returns")
    checks.close(losses, FIRST_EPOCHS, "the average losses of the first 3 epochs, "
                 "train(max_epoch=3, batch_size=40) (the book's order: get_spiral, MLP, then "
                 "each epoch a permutation and its batches in order)", rtol=1e-6,
                 mistakes=MISTAKES)


def test_the_loss_falls_and_the_classes_are_told_apart(dezero, exercise):
    model, losses = exercise.train(max_epoch=100)
    checks.is_true(all(isinstance(loss, float) for loss in losses), f"train() should return "
                   f"the losses as floats; got {[type(loss).__name__ for loss in losses[:3]]}")
    checks.is_true(losses[-1] < 0.45, f"the average loss of epoch 100 (the book's settings): "
                   f"expected below 0.45 (the reference: 0.427), got {losses[-1]:.4f}")
    x, t = dezero.datasets.get_spiral(train=True)
    got = exercise.accuracy(model, x, t)
    checks.is_true(isinstance(got, float) and got > 0.8, f"accuracy(model, x, t) on the "
                   f"training data after 100 epochs: expected a float above 0.8 (the "
                   f"reference: 0.86), got {checks.show(got)}")


def test_accuracy(dezero, exercise):
    recorded = []

    class Scores(dezero.Model):  # fixed scores: rows 0 and 2 pick class 1, row 1 class 0
        def forward(self, x):
            y = dezero.Variable(np.array([[0.0, 1.0], [2.0, 1.0], [0.0, 3.0]])) * 1.0
            recorded.append(y.creator is not None)
            return y

    got = exercise.accuracy(Scores(), np.zeros((3, 2)), np.array([1, 1, 1]))
    checks.close(got, 2 / 3, "accuracy(model, x, t) where the model's highest scores pick "
                 "classes [1, 0, 1] and t = [1, 1, 1]")
    checks.equal(recorded, [False], "whether accuracy's forward recorded a graph (a creator): "
                 "evaluation needs no backward, so it runs under dezero.no_grad()")


@pytest.mark.passes_on_skeleton("plot() is given code: the test keeps the figure optional")
def test_the_figure_without_matplotlib_is_one_line(dezero, exercise, monkeypatch, capsys,
                                                   tmp_path):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now fails
    figure = tmp_path / "spiral.png"
    model = dezero.models.MLP((3, 3))
    exercise.plot(model, np.zeros((2, 2), dtype=np.float32), np.array([0, 1]),
                  to_file=str(figure))
    out = capsys.readouterr().out
    checks.equal(len(out.strip().splitlines()), 1, f"lines plot() prints without matplotlib "
                 f"(printed: {out!r})")
    checks.is_true("matplotlib" in out, f"plot() without matplotlib should say it is missing; "
                   f"it printed {out!r}")
    checks.is_true(not figure.exists(), "plot() wrote a figure without matplotlib")
