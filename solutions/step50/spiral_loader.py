"""Step 50: the spiral with DataLoader, and the test data watched as the training goes.

The book's script: DataLoader gives the mini-batches (a new order each epoch for the
training data, the test data in order), F.accuracy measures each batch, and every epoch
ends with an evaluation on the test data under dezero.no_grad(): no graph is recorded
when there will be no backward (step 18). After 300 epochs both accuracies are near 0.96.

Run it (`../../.venv/bin/python spiral_loader.py` in this folder): it prints the losses
and accuracies every 30 epochs.
"""

import dezero
import dezero.functions as F
from dezero import DataLoader, optimizers
from dezero.models import MLP


# BEGIN NEW
def evaluate(model, loader):
    """The average loss and accuracy of model over one pass of loader: (float, float).

    Each batch counts by its size, so that the averages are over the examples. Only
    forward: under dezero.no_grad(), nothing is kept for a backward that never comes.
    """
    # BEGIN SOLUTION: under no_grad, for each batch: loss and accuracy, weighted by len(t)
    sum_loss, sum_acc, count = 0.0, 0.0, 0
    with dezero.no_grad():
        for x, t in loader:
            y = model(x)
            sum_loss += float(F.softmax_cross_entropy(y, t).data) * len(t)
            sum_acc += float(F.accuracy(y, t).data) * len(t)
            count += len(t)
    return sum_loss / count, sum_acc / count
    # END SOLUTION


def train(max_epoch=300, batch_size=30, hidden_size=10, lr=1.0):
    """The book's training: returns (model, history), history a dict of lists, one value
    per epoch: "train_loss", "train_acc" (averages over the epoch's batches, as the
    training went) and "test_loss", "test_acc" (evaluate on the test data after it)."""
    train_set = dezero.datasets.Spiral(train=True)
    test_set = dezero.datasets.Spiral(train=False)
    train_loader = DataLoader(train_set, batch_size)
    test_loader = DataLoader(test_set, batch_size, shuffle=False)
    model = MLP((hidden_size, 3))
    optimizer = optimizers.SGD(lr).setup(model)
    history = {"train_loss": [], "train_acc": [], "test_loss": [], "test_acc": []}
    # BEGIN SOLUTION: per epoch: the loader's batches (loss, accuracy, update); evaluate
    for _ in range(max_epoch):
        sum_loss, sum_acc = 0.0, 0.0
        for x, t in train_loader:
            y = model(x)
            loss = F.softmax_cross_entropy(y, t)
            acc = F.accuracy(y, t)
            model.cleargrads()
            loss.backward()
            optimizer.update()
            sum_loss += float(loss.data) * len(t)
            sum_acc += float(acc.data) * len(t)
        history["train_loss"].append(sum_loss / len(train_set))
        history["train_acc"].append(sum_acc / len(train_set))
        test_loss, test_acc = evaluate(model, test_loader)
        history["test_loss"].append(test_loss)
        history["test_acc"].append(test_acc)
    return model, history
    # END SOLUTION
# END NEW


def main():
    _, history = train()
    epochs = len(history["train_loss"])
    for epoch in [*range(0, epochs, 30), epochs - 1]:
        print(f"epoch: {epoch + 1}")
        print(f"train loss: {history['train_loss'][epoch]:.4f}, "
              f"accuracy: {history['train_acc'][epoch]:.4f}")
        print(f"test loss: {history['test_loss'][epoch]:.4f}, "
              f"accuracy: {history['test_acc'][epoch]:.4f}")


if __name__ == "__main__":
    main()
