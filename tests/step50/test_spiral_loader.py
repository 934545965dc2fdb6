"""Step 50 (solutions/step50/spiral_loader.py): the book's training with DataLoader and a
test evaluation each epoch, checked by its results; the evaluation records no graph."""

import numpy as np
import pytest

from kata import checks
from tests.exercise_files import load

pytestmark = pytest.mark.until(50)  # spiral_loader.py belongs to step 50's folder alone

# train(max_epoch=3, batch_size=40): the reference's first epochs (the last batch is 20)
FIRST_EPOCHS = {
    "train_loss": [1.1033635457356772, 0.9946711500485738, 0.9600425402323405],
    "train_acc": [0.37333333333333335, 0.49666666666666665, 0.5533333333333333],
    "test_loss": [1.0351881027221679, 0.9759766419728597, 0.9704160928726197],
    "test_acc": [0.36, 0.45, 0.4633333333333333],
}


@pytest.fixture
def exercise(dezero, impl_folder):
    dezero.Variable  # noqa: B018  (the dezero fixture first: it puts the folder on the path)
    return load(impl_folder, "spiral_loader.py", 50)


def test_the_first_epochs_are_the_references(dezero, exercise):
    model, history = exercise.train(max_epoch=3, batch_size=40)
    checks.instance(model, dezero.Model, "the model train() returns")
    checks.equal(sorted(history), sorted(FIRST_EPOCHS), "the keys of the history train() "
                 "returns")
    for key, expected in FIRST_EPOCHS.items():
        checks.close(history[key], expected, f'history["{key}"] of train(max_epoch=3, '
                     f"batch_size=40) (the book's order: Spiral(True), Spiral(False), the two "
                     f"loaders, MLP, SGD; each batch counts by its size)", rtol=1e-6)


def test_the_test_accuracy_rises(dezero, exercise):
    _, history = exercise.train(max_epoch=100)
    got = history["test_acc"][-1]
    checks.is_true(isinstance(got, float) and got > 0.8, f'history["test_acc"] after 100 '
                   f"epochs: expected a float above 0.8 (the reference: 0.86), got "
                   f"{checks.show(got)}")


def test_evaluate_records_no_graph_and_weighs_the_batches(dezero, exercise):
    recorded = []

    class Watched(dezero.Model):  # fixed scores for 5 examples, rows 0, 2, 3 pick class 1
        def forward(self, x):
            scores = np.array([[0.0, 2.0], [1.0, 0.0], [0.0, 1.0], [0.0, 3.0], [1.0, 0.0]])
            y = dezero.Variable(scores[x[:, 0].astype(int)]) * 1.0
            recorded.append(y.creator is not None)
            return y

    class Five(dezero.datasets.Dataset):
        def prepare(self):
            self.data = np.arange(5.0).reshape(5, 1)
            self.label = np.ones(5, dtype=np.int64)

    loader = dezero.DataLoader(Five(), batch_size=2, shuffle=False)
    loss, acc = exercise.evaluate(Watched(), loader)
    checks.equal(recorded, [False, False, False], "whether each forward of evaluate() "
                 "recorded a graph (a creator): evaluation needs no backward, so it runs "
                 "under dezero.no_grad() (step 18's lesson)")
    checks.is_true(isinstance(loss, float) and isinstance(acc, float), f"evaluate() should "
                   f"return two floats; got {type(loss).__name__}, {type(acc).__name__}")
    checks.close(acc, 3 / 5, "the accuracy evaluate() returns for 5 examples in batches of "
                 "2, 2, 1, three of them right: each batch counts by its size",
                 mistakes={"the plain mean of the batch accuracies: weigh each by its size":
                           (0.5 + 1.0 + 0.0) / 3})
    scores = np.array([[0.0, 2.0], [1.0, 0.0], [0.0, 1.0], [0.0, 3.0], [1.0, 0.0]])
    log_p = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
    checks.close(loss, -log_p[:, 1].mean(), "the loss evaluate() returns: the mean of the "
                 "softmax cross entropy over the 5 examples", rtol=1e-6)
