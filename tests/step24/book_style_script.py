"""Step 24 the book's way: a script beside the package differentiates three functions.

Not a test itself: tests/step24/test_book_style_script.py runs it with the folder of the
step under test on PYTHONPATH. To run it by hand, from the repository root:

    PYTHONPATH=solutions/step24 .venv/bin/python tests/step24/book_style_script.py
"""

import numpy as np
from dezero import Variable


def sphere(x, y):
    return x ** 2 + y ** 2


def matyas(x, y):
    return 0.26 * (x ** 2 + y ** 2) - 0.48 * x * y


def goldstein(x, y):
    a = (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)
    b = (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2)
    return (1 + a) * (30 + b)


for function in (sphere, matyas, goldstein):
    x = Variable(np.array(1.0))
    y = Variable(np.array(1.0))
    z = function(x, y)
    z.backward()
    print(function.__name__, x.grad, y.grad)
