"""Step 48: dezero.datasets.get_spiral(train=True): the book's three spiral arms, seeded."""

import numpy as np
import pytest

from kata import checks

# The book's data: the first labels and points, and the next number NumPy draws after it
# (the global seed is set by get_spiral: the model's weights come from what follows).
BOOK = {
    True: ([1, 1, 2, 0, 1, 2, 0, 0, 1, 2, 1, 1],
           [[-0.1398138850927353, -0.007216573692858219],
            [0.37049391865730286, 0.5820947289466858]], 0.8646111339647672),
    False: ([0, 1, 0, 1, 2, 2, 1, 2, 2, 0, 1, 1],
            [[0.13246452808380127, 0.13620993494987488],
             [-0.31427156925201416, 0.24745377898216248]], 0.4325824939257069),
}


@pytest.fixture
def get_spiral(dezero):
    return dezero.datasets.get_spiral  # it seeds np.random: put back after each test


def test_shapes_and_dtypes(dezero, get_spiral):
    x, t = get_spiral(train=True)
    checks.is_array(x, "x of x, t = get_spiral(train=True)")
    checks.equal(x.shape, (300, 2), "x.shape of get_spiral(): 300 points in the plane")
    checks.equal(x.dtype, np.dtype(np.float32), "x.dtype of get_spiral()")
    checks.equal(t.shape, (300,), "t.shape of get_spiral(): one class per point")
    checks.equal(t.dtype, np.dtype(np.int64), "t.dtype of get_spiral() (the book's np.int is "
                 "gone from NumPy 2: np.int64)")
    checks.equal(np.bincount(t).tolist(), [100, 100, 100], "how many points of each class "
                 "get_spiral() gives")


def test_each_arm_has_the_points_at_radius_i_over_100(dezero, get_spiral):
    x, t = get_spiral(train=True)
    for c in range(3):
        radii = np.sort(np.hypot(x[t == c, 0], x[t == c, 1]))
        checks.close(radii, np.arange(100) / 100, f"the sorted distances from 0 of the "
                     f"points of class {c}: point i of an arm lies at radius i / 100 (the "
                     f"noise is in the angle only)", rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("train", [True, False])
def test_the_books_data_and_seed(dezero, get_spiral, train):
    labels, points, next_draw = BOOK[train]
    x, t = get_spiral(train=train)
    after = np.random.rand()
    what = f"get_spiral(train={train}) (seed {1984 if train else 2020}, one randn per point "
    what += "in arm order, then a permutation)"
    checks.equal(t[:12].tolist(), labels, f"the first labels of {what}")
    checks.close(x[:2], points, f"the first points of {what}", rtol=1e-6)
    checks.close(after, next_draw, f"np.random.rand() right after {what}: the global seed is "
                 f"set, as the book does, so the model drawn next is the book's", rtol=1e-12)
    again, _ = get_spiral(train=train)
    checks.close(again, x, f"a second {what}: the same data")
