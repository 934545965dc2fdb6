"""Step 34 (solutions/step34/higher_derivatives.py): derivatives(f, x, n), and the figure.

derivatives must give f', ..., f⁽ⁿ⁾ and leave no reference cycle (it runs here with the
cyclic GC off): the last backward has nothing more to differentiate, so it is plain.
"""

import sys

import numpy as np
import pytest

from kata import checks, leaks
from tests.exercise_files import load

pytestmark = pytest.mark.until(34)  # higher_derivatives.py belongs to step 34's folder alone

GUIDE = "steps/step34/README.md"


@pytest.fixture
def exercise(dezero, impl_folder):
    dezero.Variable  # noqa: B018  (the dezero fixture first: it puts the folder on the path)
    return load(impl_folder, "higher_derivatives.py", 34)


@pytest.mark.parametrize("n", [1, 2, 3, 6])
def test_sins_derivatives(dezero, exercise, n):
    data = np.array([-2.0, 0.0, 1.0, 3.0])
    found = exercise.derivatives(dezero.functions.sin, dezero.Variable(data), n)
    checks.equal(len(found), n, f"how many derivatives derivatives(F.sin, x, {n}) returns")
    for k, value in enumerate(found, start=1):
        checks.is_array(value, f"derivative {k} (an ndarray: x.grad.data)")
        checks.close(value, np.sin(data + k * np.pi / 2), f"derivative {k} of sin")


def test_a_polynomial(dezero, exercise):
    x = dezero.Variable(np.array(2.0))
    found = exercise.derivatives(lambda v: v ** 4 - 2 * v ** 2, x, 5)
    checks.close(found, [24.0, 44.0, 48.0, 24.0, 0.0], "the derivatives of x⁴ - 2x² at x = 2 "
                 "(is x's grad cleared before each backward?)")


@pytest.mark.parametrize("n", [1, 3])
def test_derivatives_leave_nothing_behind(dezero, exercise, n):
    with leaks.no_cycles(dezero, f"derivatives(F.sin, x, {n})", GUIDE):
        x = dezero.Variable(np.linspace(-1.0, 1.0, 5))
        exercise.derivatives(dezero.functions.sin, x, n)
        del x


def test_the_figure_without_matplotlib_is_one_line(dezero, exercise, monkeypatch, capsys,
                                                   tmp_path):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now fails
    figure = tmp_path / "sin.png"
    exercise.main(to_file=str(figure))
    out = capsys.readouterr().out
    checks.equal(len(out.strip().splitlines()), 1, f"lines main() prints without matplotlib "
                 f"(printed: {out!r})")
    checks.is_true("matplotlib" in out, f"main() without matplotlib should say it is missing; "
                   f"it printed {out!r}")
    checks.is_true(not figure.exists(), "main() wrote a figure without matplotlib")
