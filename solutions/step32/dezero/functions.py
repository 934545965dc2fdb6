# BEGIN NEW
"""DeZero's functions beyond the operators: `import dezero.functions as F`, then F.exp(x).

The book fills this module from step 34 on (F.sin, F.cos, F.tanh, ...). The functions of the
first steps stay in dezero/core.py, where the tests of those steps find them; this module
offers them under F as well.
"""

import numpy as np  # noqa: F401  (the functions of steps 34 and 35 compute with it)

# Function is the base of the functions to come; exp and square are offered: F.exp(x)
from dezero.core import Function, exp, square  # noqa: F401
# END NEW
