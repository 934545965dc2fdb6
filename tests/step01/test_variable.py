"""Step 1: a Variable holds an ndarray in `.data`."""

import numpy as np

from kata import checks


def test_variable_keeps_its_data(dezero):
    data = np.array(1.0)
    x = dezero.Variable(data)
    checks.is_true(hasattr(x, "data"), "Variable(np.array(1.0)) has no attribute `data`: "
                   "__init__ must store its argument as self.data")
    checks.is_true(x.data is data, "Variable(a).data should be the very array `a` you passed in")


def test_data_can_be_replaced(dezero):
    x = dezero.Variable(np.array(1.0))
    x.data = np.array(2.0)
    checks.close(x.data, 2.0, "x.data after x.data = np.array(2.0)")


def test_variable_holds_arrays_of_any_shape(dezero):
    data = checks.seeded().standard_normal((2, 3))
    checks.close(dezero.Variable(data).data, data, "Variable(2x3 array).data")
