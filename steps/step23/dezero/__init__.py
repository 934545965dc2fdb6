"""DeZero as a package: `from dezero import Variable` in a script beside this folder.

The code lives in the package's modules (dezero/core_simple.py); this file says what
`import dezero` offers, and installs the operators on Variable.
"""

# TODO(step 23): import every public name of dezero.core_simple here, then call setup_variable()
