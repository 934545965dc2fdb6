"""Step 24: a script in the book's style, outside steps/ and solutions/, uses the package.

It imports dezero from the folder of the step under test, as a reader's script beside the
package would, and must print the gradients at (1, 1) of the three functions.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kata import checks
from kata.layout import rel

SCRIPT = Path(__file__).with_name("book_style_script.py")
EXPECTED = {"sphere": [2.0, 2.0], "matyas": [0.04, 0.04], "goldstein": [-5376.0, 8064.0]}


@pytest.mark.passes_on_skeleton("step 24 adds nothing to the dezero package, whose skeleton "
                                "is step 23's finished code: the script checks that package "
                                "as a reader of the book uses it")
def test_the_book_style_script_prints_the_gradients(impl_folder, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(impl_folder)}
    result = subprocess.run([sys.executable, str(SCRIPT)], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=8)
    error = result.stderr.strip().splitlines()[-1:] or ["(no error message)"]
    checks.is_true(result.returncode == 0, f"{rel(SCRIPT)} with {rel(impl_folder)} on "
                   f"PYTHONPATH failed: {error[0]}")
    printed = {}
    for line in result.stdout.splitlines():
        name, _, rest = line.partition(" ")
        printed[name] = [float(n) for n in re.findall(r"-?\d+(?:\.\d*)?(?:e[-+]?\d+)?", rest)]
    for name, grads in EXPECTED.items():
        checks.is_true(name in printed, f"{rel(SCRIPT)} printed no line for {name}: "
                       f"{result.stdout!r}")
        checks.close(printed[name], grads, f"the gradients {rel(SCRIPT)} prints for {name} "
                     f"at (1, 1)")
