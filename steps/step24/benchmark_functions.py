"""Step 24: three classic test functions of optimisation, written with DeZero's operators.

Each takes two Variables and returns a Variable, built from operators only, so the code
reads like the formula and backward() differentiates it. Numbers and ndarrays work too.
"""


def sphere(x, y):
    """z = x² + y²"""
    raise NotImplementedError('TODO(step 24): write sphere()')


def matyas(x, y):
    """z = 0.26 (x² + y²) − 0.48 x y"""
    raise NotImplementedError('TODO(step 24): write matyas()')


def goldstein(x, y):
    """Goldstein–Price: z = (1 + a)(30 + b), where
    a = (x + y + 1)² (19 − 14x + 3x² − 14y + 6xy + 3y²) and
    b = (2x − 3y)² (18 − 32x + 12x² + 48y − 36xy + 27y²).
    """
    raise NotImplementedError('TODO(step 24): write goldstein(): write a and b first, then combine them')
