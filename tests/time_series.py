"""What the tests of steps 59 and 60 share: the book's recurrent models, its truncated-BPTT
training loop (with a probe called after every window).

DeZero's layers and SinCurve draw from np.random, as in the book: a test seeds it with the
kata plugin's `global_seed` fixture, which puts the state back after the test.
"""


def recurrent_model(dezero, layer: str, hidden_size: int, out_size: int = 1):
    """The book's SimpleRNN (layer="RNN") or BetterRNN (layer="LSTM"): a recurrent layer,
    then a Linear layer, and reset_state passed on to the recurrent one."""
    L = dezero.layers

    class Recurrent(dezero.Model):
        def __init__(self):
            super().__init__()
            self.rnn = getattr(L, layer)(hidden_size)
            self.fc = L.Linear(out_size)

        def reset_state(self):
            self.rnn.reset_state()

        def forward(self, x):
            return self.fc(self.rnn(x))

    return Recurrent()


def train_bptt(dezero, model, optimizer, batches, bptt_length, unchain=True, probe=None):
    """The book's training loop over one pass of `batches` ((x, t) pairs): the loss adds up
    over bptt_length steps, then backward, unchain_backward (unless unchain=False) and an
    update. probe(window) is called after each window's update; returns the mean loss."""
    F = dezero.functions
    model.reset_state()
    loss, count, window = 0, 0, 0
    for x, t in batches:
        y = model(x)
        loss += F.mean_squared_error(y, t)
        count += 1
        if count % bptt_length == 0:
            model.cleargrads()
            loss.backward()
            if unchain:
                loss.unchain_backward()
            optimizer.update()
            window += 1
            if probe is not None:
                probe(window)
    return float(loss.data) / count
