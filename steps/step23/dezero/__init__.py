"""DeZero as a package: `from dezero import Variable` in a script beside this folder.

The code lives in the package's modules (dezero/core_simple.py); this file says what
`import dezero` offers, and installs the operators on Variable.
"""

# TODO(step 23): import every public name of dezero.core_simple here

# The book's flag, read by its scripts of steps 28 and 29: True while the package is
# built on the simple core (core_simple.py), False from step 32 (core.py).
# TODO(step 23): set is_simple_core: this package is built on the simple core

# TODO(step 23): install the operators on Variable (call setup_variable)
