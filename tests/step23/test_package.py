"""Step 23: dezero is a package; `from dezero import Variable` works, operators included."""

import importlib.util
import os
import re
import subprocess
import sys

import numpy as np
import pytest

from kata import checks
from kata.layout import rel

# What `import dezero` must offer: every public name of dezero/core_simple.py.
PUBLIC = [
    "Variable", "Function", "Config", "using_config", "no_grad", "as_array", "as_variable",
    "setup_variable", "numerical_diff",
    "Square", "Exp", "Add", "Mul", "Neg", "Sub", "Div", "Pow",
    "square", "exp", "add", "mul", "neg", "sub", "rsub", "div", "rdiv", "pow",
]
OPERATORS = ["__add__", "__radd__", "__mul__", "__rmul__", "__neg__", "__sub__", "__rsub__",
             "__truediv__", "__rtruediv__", "__pow__"]


@pytest.mark.parametrize("name", PUBLIC)
def test_the_package_offers(dezero, name):
    getattr(dezero, name)  # a missing name fails as "dezero/__init__.py defines no `name`"


def test_importing_the_package_installs_the_operators(dezero):
    x = dezero.Variable(np.array(2.0))
    try:
        y = (x + 1) * x - x / 2 + 2.0 ** 2 - -x ** 3
    except TypeError as error:
        checks.fail(f"an expression with every operator raised TypeError ({error}): "
                    f"dezero/__init__.py must call setup_variable()")
    checks.close(y.data, 17.0, "(x + 1) * x - x / 2 + 2.0 ** 2 - -x ** 3 with x = 2")


def load_alone(path):
    """A fresh copy of the module in `path`, apart from the package (nothing is installed)."""
    spec = importlib.util.spec_from_file_location("core_alone", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_operators_are_installed_by_setup_variable_not_at_import(dezero):
    path = dezero.setup_variable.__code__.co_filename
    core = load_alone(path)
    installed = [name for name in OPERATORS if name in vars(core.Variable)]
    checks.is_true(not installed, f"{os.path.relpath(path)} installs {', '.join(installed)} on "
                   f"Variable as soon as it is imported: do it inside setup_variable()")
    core.setup_variable()
    missing = [name for name in OPERATORS if name not in vars(core.Variable)]
    checks.is_true(not missing, f"after setup_variable(), Variable still lacks "
                   f"{', '.join(missing)}")
    y = core.Variable(np.array(3.0)) * 2.0
    checks.close(y.data, 6.0, "Variable(np.array(3.0)) * 2.0 after setup_variable()")


SCRIPT = """\
import numpy as np
from dezero import Variable

x = Variable(np.array(1.0))
y = (x + 3) ** 2
y.backward()
print(y.data, x.grad)
"""


def run_script(text, impl_folder, tmp_path):
    """Run a script from a scratch folder, with only the implementation folder on the path."""
    script = tmp_path / "script.py"
    script.write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(impl_folder)}
    return subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=8)


def test_a_script_imports_the_package(impl_folder, tmp_path):
    result = run_script(SCRIPT, impl_folder, tmp_path)
    error = result.stderr.strip().splitlines()[-1:] or ["(no error message)"]
    checks.is_true(result.returncode == 0,
                   f"a script doing `from dezero import Variable`, with {rel(impl_folder)} on "
                   f"the path, failed: {error[0]}")
    numbers = [float(n) for n in re.findall(r"-?\d+\.?\d*", result.stdout)]
    checks.close(numbers, [16.0, 8.0], "what the script prints for y = (x + 3) ** 2 at x = 1: "
                 "y and x.grad")


def test_is_simple_core_says_which_core_the_package_is_built_on(dezero, step):
    """The book's flag: its scripts of steps 28 and 29 read `dezero.is_simple_core` and, when
    it is False, import the simple core themselves (dezero.core_simple)."""
    simple = step < 32  # step 32 renames core_simple.py to core.py
    flag = dezero.is_simple_core
    module = "dezero/core_simple.py" if simple else "dezero/core.py"
    checks.is_true(flag is simple, f"dezero.is_simple_core at step {step}: expected {simple} "
                   f"(the package is built on {module}), got {flag!r}")
