"""Step 24: three classic test functions of optimisation, written with DeZero's operators.

Each takes two Variables and returns a Variable, built from operators only, so the code
reads like the formula and backward() differentiates it. Numbers and ndarrays work too.
"""


# BEGIN NEW
def sphere(x, y):
    """z = x² + y²"""
    # BEGIN SOLUTION
    return x ** 2 + y ** 2
    # END SOLUTION


def matyas(x, y):
    """z = 0.26 (x² + y²) − 0.48 x y"""
    # BEGIN SOLUTION
    return 0.26 * (x ** 2 + y ** 2) - 0.48 * x * y
    # END SOLUTION


def goldstein(x, y):
    """Goldstein–Price: z = (1 + a)(30 + b), where
    a = (x + y + 1)² (19 − 14x + 3x² − 14y + 6xy + 3y²) and
    b = (2x − 3y)² (18 − 32x + 12x² + 48y − 36xy + 27y²).
    """
    # BEGIN SOLUTION: write a and b first, then combine them
    a = (x + y + 1) ** 2 * (19 - 14 * x + 3 * x ** 2 - 14 * y + 6 * x * y + 3 * y ** 2)
    b = (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x ** 2 + 48 * y - 36 * x * y + 27 * y ** 2)
    return (1 + a) * (30 + b)
    # END SOLUTION
# END NEW
