"""DeZero as a package: `from dezero import Variable` in a script beside this folder.

The code lives in the package's modules (dezero/core.py, dezero/functions.py); this file
says what `import dezero` offers, and installs the operators on Variable.
"""

# ruff: noqa: F401  (imported to be offered: `from dezero import Variable`)
import dezero.cuda  # gpu_enable, get_array_module, as_numpy, as_cupy
import dezero.functions  # dezero.functions.sin, ...: `import dezero.functions as F`
import dezero.functions_conv  # conv2d, pooling, ...: also offered as F.conv2d, F.pooling
from dezero.core import (
    Add,
    Config,
    Div,
    Exp,
    Function,
    Mul,
    Neg,
    Parameter,
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
from dezero.core import test_mode  # `with dezero.test_mode():` dropout off

import dezero.datasets  # get_spiral, ...: `dezero.datasets.get_spiral(train=True)`
import dezero.layers  # L.Linear, ...: `import dezero.layers as L`
import dezero.models  # MLP, ...: `from dezero.models import MLP`
import dezero.optimizers  # SGD, ...: `from dezero import optimizers`
import dezero.transforms  # Compose, Normalize, ...: `from dezero import transforms`
from dezero.dataloaders import DataLoader
from dezero.layers import Layer
from dezero.models import Model

# The book's last step: the rest of the API its dezero/__init__.py offers, so that every
# module and class its scripts use is one `import dezero` away.
import dezero.dataloaders  # DataLoader, SeqDataLoader
import dezero.utils  # get_file, plot_dot_graph, sum_to, ...
from dezero.dataloaders import SeqDataLoader
from dezero.datasets import Dataset

# The book's flag, read by its scripts of steps 28 and 29: True while the package is
# built on the simple core (core_simple.py), False from step 32 (core.py).
is_simple_core = False

setup_variable()
