"""Step 49: dezero.datasets.Dataset (prepare, __getitem__, __len__, the transforms) and
Spiral, the spiral of step 48 as a Dataset."""

import numpy as np

from kata import checks


def squares(dezero, labels=True):
    """A Dataset subclass of 5 examples: x = [i, i * i] (int64), t = i % 2 (or no labels)."""

    class Squares(dezero.datasets.Dataset):
        prepared = 0

        def prepare(self):
            type(self).prepared += 1
            i = np.arange(5)
            self.data = np.stack([i, i * i], axis=1)
            self.label = i % 2 if labels else None

    return Squares


def test_the_examples_come_out_as_pairs(dezero):
    Squares = squares(dezero)
    dataset = Squares()
    checks.equal(Squares.prepared, 1, "how many times Dataset.__init__ called prepare()")
    checks.equal(dataset.train, True, "dataset.train of Squares() (the default train=True)")
    checks.equal(len(dataset), 5, "len(dataset) of a data set whose prepare() stores 5 rows")
    x, t = dataset[3]
    checks.close(x, np.array([3, 9]), "x of x, t = dataset[3] (row 3 of dataset.data)")
    checks.equal(t, 1, "t of x, t = dataset[3] (dataset.label[3])")
    x, t = dataset[np.int64(4)]  # what a permutation of the indices gives
    checks.close(x, np.array([4, 16]), "x of dataset[np.int64(4)]")
    checks.equal(Squares(train=False).train, False, "dataset.train of Squares(train=False)")


def test_data_without_labels_give_none(dezero):
    x, t = squares(dezero, labels=False)()[2]
    checks.close(x, np.array([2, 4]), "x of dataset[2] for a data set without labels")
    checks.is_true(t is None, f"t of dataset[2] when dataset.label is None: expected None, "
                   f"got {checks.show(t)}")


BEFORE_PREPARE = "Dataset.__init__ sets data and label to None before it calls prepare()"


def check_none(dataset, name, what):
    __tracebackhide__ = True
    if not hasattr(dataset, name):
        checks.fail(f"dataset.{name} of {what}: no such attribute, expected None "
                    f"({BEFORE_PREPARE})")
    checks.is_true(getattr(dataset, name) is None, f"dataset.{name} of {what}: expected None, "
                   f"got {checks.show(getattr(dataset, name))} ({BEFORE_PREPARE})")


def test_what_prepare_does_not_fill_is_none(dezero):
    dataset = dezero.datasets.Dataset()  # the base class: its prepare() fills nothing
    for name in ("data", "label"):
        check_none(dataset, name, "Dataset() (whose prepare() fills nothing)")

    class OnlyData(dezero.datasets.Dataset):
        def prepare(self):
            self.data = np.arange(3.0)

    dataset = OnlyData()
    check_none(dataset, "label", "a data set whose prepare() fills data only")
    x, t = dataset[1]
    checks.is_true(float(x) == 1.0 and t is None, f"dataset[1] of a data set whose prepare() "
                   f"fills data = [0, 1, 2] only: expected (1.0, None), got "
                   f"({checks.show(x)}, {checks.show(t)})")


def test_the_transforms_apply_as_each_example_is_taken(dezero):
    Squares = squares(dezero)
    dataset = Squares(transform=lambda x: x * 10, target_transform=lambda t: t + 100)
    x, t = dataset[2]
    checks.close(x, np.array([20, 40]), "x of dataset[2] with transform=lambda x: x * 10")
    checks.equal(t, 100, "t of dataset[2] with target_transform=lambda t: t + 100")
    checks.close(dataset.data[2], np.array([2, 4]), "dataset.data[2] after dataset[2]: the "
                 "transform is applied to the example taken out, the stored data stay as "
                 "they are")
    x, t = Squares(transform=lambda x: -x)[1]
    checks.equal(t, 1, "t of dataset[1] with a transform but no target_transform (None "
                 "means: the label as it is)")


def test_one_index_at_a_time(dezero):
    dataset = squares(dezero)()
    checks.raises(TypeError, lambda: dataset[[0, 1]], "dataset[[0, 1]]: a Dataset gives one "
                  "example at a time; a batch is [dataset[i] for i in batch_index]")


def test_spiral_is_get_spiral_as_a_dataset(dezero):
    for train in (True, False):
        x, t = dezero.datasets.get_spiral(train=train)
        spiral = dezero.datasets.Spiral(train=train)
        checks.instance(spiral, dezero.datasets.Dataset, "Spiral()")
        checks.equal(len(spiral), 300, f"len(Spiral(train={train}))")
        got = [spiral[i] for i in range(300)]
        checks.close(np.array([example[0] for example in got]), x, f"the points of "
                     f"Spiral(train={train}): the arrays of get_spiral(train={train})")
        checks.equal([int(example[1]) for example in got], t.tolist(), f"the labels of "
                     f"Spiral(train={train}): get_spiral(train={train})'s t")
        checks.equal(got[0][0].dtype, np.dtype(np.float32), "the dtype of Spiral()[0]'s x")
