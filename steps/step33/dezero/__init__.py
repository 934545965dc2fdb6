"""DeZero as a package: `from dezero import Variable` in a script beside this folder.

The code lives in the package's modules (dezero/core.py, dezero/functions.py); this file
says what `import dezero` offers, and installs the operators on Variable.
"""

# ruff: noqa: F401  (imported to be offered: `from dezero import Variable`)
import dezero.functions  # dezero.functions.sin, ...: `import dezero.functions as F`
from dezero.core import (
    Add,
    Config,
    Div,
    Exp,
    Function,
    Mul,
    Neg,
    Pow,
    Square,
    Sub,
    Variable,
    add,
    as_array,
    as_variable,
    div,
    exp,
    mul,
    neg,
    no_grad,
    numerical_diff,
    pow,
    rdiv,
    rsub,
    setup_variable,
    square,
    sub,
    using_config,
)

# The book's flag, read by its scripts of steps 28 and 29: True while the package is
# built on the simple core (core_simple.py), False from step 32 (core.py).
is_simple_core = False

setup_variable()
