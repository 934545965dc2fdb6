"""Step 60: an LSTM learns to continue the sine curve (the book's BetterRNN, seeded).

The book trains 100 epochs with hidden_size=100 and bptt_length=30 (about ten seconds here;
its loss falls from 0.48 to about 0.008). To stay quick, this test trains 8 epochs of a
smaller LSTM that updates every 10 steps, with a larger step size: the same code, the same
data, and a prediction of the clean cosine curve that ends close to it.
"""

import numpy as np

from kata import checks
from tests.time_series import recurrent_model, train_bptt

EPOCHS, HIDDEN, BATCH, BPTT, ALPHA = 8, 20, 30, 10, 0.02


def test_an_lstm_learns_the_sine_curve(dezero, global_seed):
    global_seed(0)
    train = dezero.datasets.SinCurve(train=True)
    loader = dezero.SeqDataLoader(train, batch_size=BATCH)
    model = recurrent_model(dezero, "LSTM", HIDDEN)
    optimizer = dezero.optimizers.Adam(alpha=ALPHA).setup(model)
    losses = [train_bptt(dezero, model, optimizer, loader, BPTT) for _ in range(EPOCHS)]
    checks.is_true(losses[-1] < losses[0] / 10, f"mean loss of each epoch, BetterRNN("
                   f"{HIDDEN}) on SinCurve: {np.round(losses, 4).tolist()}; expected the last "
                   f"below a tenth of the first")

    test = dezero.datasets.SinCurve(train=False)
    model.reset_state()
    with dezero.no_grad():
        predicted = np.array([model(x.reshape(1, 1)).data.item() for x in test.data])
    error = np.mean((predicted - test.label[:, 0]) ** 2)
    checks.is_true(error < 0.02, f"mean squared error of the trained LSTM's next-point "
                   f"predictions along cos(x): {error:.4f}; expected below 0.02 (the curve's "
                   f"own mean square is 0.5)")
