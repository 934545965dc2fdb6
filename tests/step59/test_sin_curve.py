"""Step 59: dezero.datasets.SinCurve, the sine wave the book's RNN learns to continue."""

import numpy as np

from kata import checks


def test_train_is_a_noisy_sine_whose_label_is_the_next_point(dezero, global_seed):
    global_seed(0)
    train = dezero.datasets.SinCurve(train=True)
    checks.equal(len(train), 999, "len(SinCurve(train=True)): 1000 points, the last has no "
                 "next point")
    checks.equal(train.data.shape, (999, 1), "SinCurve().data's shape (a column)")
    checks.equal(train.label.shape, (999, 1), "SinCurve().label's shape")
    x = np.linspace(0, 2 * np.pi, 1000)
    noise = train.data[:, 0] - np.sin(x[:-1])
    checks.is_true(np.all(np.abs(noise) <= 0.05) and np.std(noise) > 0.02,
                   f"SinCurve(train=True).data: sin(x) plus uniform noise in [-0.05, 0.05], "
                   f"x = linspace(0, 2 pi, 1000); the noise went from {noise.min():.3f} to "
                   f"{noise.max():.3f}")
    checks.close(train.label[:-1], train.data[1:], "SinCurve's label[t] against data[t + 1]: "
                 "each label is the next point of the same noisy curve")
    x0, t0 = train[0]
    checks.close(t0, train.data[1], "SinCurve()[0]: (data[0], label[0]), label[0] = data[1]")
    checks.equal(x0.shape, (1,), "SinCurve()[0][0]'s shape")


def test_test_is_a_clean_cosine(dezero):
    test = dezero.datasets.SinCurve(train=False)
    x = np.linspace(0, 2 * np.pi, 1000)
    checks.close(test.data[:, 0], np.cos(x[:-1]), "SinCurve(train=False).data: cos(x), no "
                 "noise")
    checks.close(test.label[:, 0], np.cos(x[1:]), "SinCurve(train=False).label: the next "
                 "point of cos(x)")


def test_the_noise_follows_np_random_seed(dezero, global_seed):
    global_seed(3)
    first = dezero.datasets.SinCurve().data
    global_seed(3)
    again = dezero.datasets.SinCurve().data
    checks.close(again, first, "SinCurve().data twice after np.random.seed(3): the noise is "
                 "drawn from np.random, as in the book", rtol=0, atol=0)


def test_a_seeded_curve_is_the_books(dezero, global_seed):
    """After np.random.seed(0) the book's SinCurve is sin(x) + uniform(-0.05, 0.05) drawn in
    one call over the 1000 points: the seeded runs of the book's script depend on it."""
    x = np.linspace(0, 2 * np.pi, 1000)
    global_seed(0)
    expected = np.sin(x) + np.random.uniform(-0.05, 0.05, size=x.shape)
    global_seed(0)
    data = dezero.datasets.SinCurve(train=True).data
    checks.close(data[:, 0], expected[:-1], "SinCurve(train=True).data after np.random.seed(0): "
                 "np.sin(x) + np.random.uniform(-0.05, 0.05, size=x.shape), one draw for the "
                 "whole curve", rtol=0, atol=1e-12)
