# BEGIN NEW
"""DeZero as a package: `from dezero import Variable` in a script beside this folder.

The code lives in the package's modules (dezero/core_simple.py); this file says what
`import dezero` offers, and installs the operators on Variable.
"""

# BEGIN SOLUTION: import every public name of dezero.core_simple here
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

# BEGIN SKELETON
# END SOLUTION

# The book's flag, read by its scripts of steps 28 and 29: True while the package is
# built on the simple core (core_simple.py), False from step 32 (core.py).
# BEGIN SOLUTION: set is_simple_core: this package is built on the simple core
is_simple_core = True
# BEGIN SKELETON
# END SOLUTION

# BEGIN SOLUTION: install the operators on Variable (call setup_variable)
setup_variable()
# BEGIN SKELETON
# END SOLUTION
# END NEW
