"""DeZero as a package: `from dezero import Variable` in a script beside this folder.

The code lives in the package's modules (dezero/core_simple.py); this file says what
`import dezero` offers, and installs the operators on Variable.
"""

# ruff: noqa: F401  (imported to be offered: `from dezero import Variable`)
from dezero.core_simple import (
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
is_simple_core = True

setup_variable()
