"""Assertions that explain themselves to a learner, and the numerical gradient.

Every check names what it looked at (`what`), what it expected and what it got, and fails
without a traceback into this file. Tests import these instead of writing bare asserts.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from kata.i18n import _
from kata.layout import rel

NAMED_MISTAKE = "kata_named_mistake"  # set on a failure whose message names a known mistake
# How a skip for a missing optional tool starts: the one kind of skip `make verify` accepts.
OPTIONAL = "optional:"


def fail(message: str, named_mistake: bool = False) -> None:
    """Fail the test with `message` alone.

    `named_mistake`: the message names a known mistake (the runner shows it first).

    Called while handling an error (a test that turns a TypeError into words), the error is
    not shown as a second, chained failure; the line of the learner's code that raised it,
    if any, is named instead.
    """
    __tracebackhide__ = True
    handled = sys.exc_info()[1]
    where = _learner_line(handled) if handled is not None else ""
    failure = pytest.fail.Exception(message + where, pytrace=False)
    setattr(failure, NAMED_MISTAKE, named_mistake)
    raise failure from None


def _learner_line(error: BaseException) -> str:
    """`\n  raised in your code: dezero.py:12 in __rsub__(): ...` for the innermost frame of
    `error` in the learner's dezero, or ''."""
    module = sys.modules.get("dezero")
    file = getattr(module, "__file__", None)
    if not file:
        return ""
    folder = Path(file).parent
    if Path(file).name == "__init__.py":
        folder = folder.parent
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if Path(frame.filename).is_relative_to(folder)]
    if not frames:
        return ""
    frame = frames[-1]
    source = f": {frame.line.strip()}" if frame.line else ""
    where = f"{rel(frame.filename)}:{frame.lineno} in {frame.name}(){source}"
    return "\n  " + _("raised in your code: {where}").format(where=where)


SHOWN_LENGTH = 150  # characters of one value in a message, at most
DIGITS = 7  # significant digits of a number in a message (more where two would look alike)
SHOWN_ITEMS = 12  # elements of an array shown before NumPy summarises it with "..."


def show(value, digits: int = DIGITS) -> str:
    """A short, one-line picture of a value, the same whatever holds the number.

    2.5, np.float64(2.5), np.array(2.5) and Variable(np.array(2.5)).data all read `2.5`;
    arrays read as NumPy prints them (`[[1.0, 2.5], [3.0, 4.0]]`), with the same digits.
    The type is named only where it is the point: see `kind_of`.
    """
    return _cut(_picture(value, digits), SHOWN_LENGTH)


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length - 3] + "..."


def _picture(value, digits: int) -> str:
    if _is_variable(value):  # from step 32 on, grads are Variables: their numbers count
        return f"Variable({_picture(value.data, digits)})"
    if isinstance(value, np.dtype):
        return str(value)  # float32, not dtype('float32')
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return number(value, digits)
    if isinstance(value, np.ndarray) and value.dtype != object:
        if value.ndim == 0:
            return _picture(value[()], digits)
        text = np.array2string(value, separator=", ", threshold=SHOWN_ITEMS, edgeitems=2,
                               formatter={"float_kind": lambda x: number(x, digits)})
        text = " ".join(text.split())
        if value.size <= SHOWN_ITEMS:
            return text
        shape = f" (shape {value.shape})"  # kept when the text is cut
        return _cut(text, SHOWN_LENGTH - len(shape)) + shape
    if isinstance(value, np.ndarray):  # e.g. Variables that NumPy wrapped in an array
        return f"an array of {value.size} {type(value.flat[0]).__name__} objects" \
            if value.size else "an empty object array"
    if isinstance(value, (list, tuple)):
        inner = ", ".join(_picture(item, digits) for item in value)
        if isinstance(value, tuple):
            return f"({inner},)" if len(value) == 1 else f"({inner})"
        return f"[{inner}]"
    if isinstance(value, type):
        return value.__name__
    try:
        return repr(value)
    except Exception as error:  # a learner's unfinished __repr__ must not hide the failure
        return f"<a {type(value).__name__} whose repr raised {type(error).__name__}>"


def number(value, digits: int = DIGITS) -> str:
    """A real number as Python would print a float, rounded to `digits` significant digits."""
    value = float(value)
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    elif text.lstrip("-").isdigit():
        text += ".0"  # 64.0, not 64: it is a float
    return text


def _is_variable(value) -> bool:
    return any(cls.__name__ == "Variable" for cls in type(value).__mro__)


def shown_apart(expected, got) -> tuple[str, str]:
    """show(expected), show(got), with more digits where the usual ones read the same."""
    for digits in (DIGITS, 12, 17):
        pair = show(expected, digits), show(got, digits)
        if pair[0] != pair[1]:
            break
    return pair


def kind_of(value) -> str:
    """What a value is, for checks about types and shapes: `a NumPy scalar np.float64 (2.5)`."""
    if isinstance(value, np.ndarray):
        shape = f"of shape {value.shape}" if value.ndim else "of shape () (0-d)"
        return f"an np.ndarray {shape}, dtype {value.dtype} ({show(value)})"
    if isinstance(value, np.generic):
        return f"a NumPy scalar np.{type(value).__name__} ({show(value)})"
    if value is None:
        return "None"
    name = type(value).__name__
    article = "an" if name[:1].lower() in "aeiou" else "a"
    return f"{article} {name} ({show(value)})"


def close(got, expected, what: str, rtol: float = 1e-6, atol: float = 1e-8,
          mistakes: dict[str, object] | None = None) -> None:
    """`got` must be numerically close to `expected` (same shape for arrays).

    A Variable counts as its data (from step 32 on, gradients are Variables). `mistakes`
    names known wrong results: {"explanation": the value that mistake gives}; a `got` that
    is one of them fails with its explanation, whether its shape or its numbers are wrong.
    """
    got = _unbox(got)
    if got is None:
        fail(f"{what}: expected {show(expected)}, got None")
    got_array, expected_array = np.asarray(got), np.asarray(expected)
    if got_array.shape != expected_array.shape:
        known = _known_mistake(got_array, mistakes, rtol, atol)
        fail(f"{what}: expected shape {expected_array.shape}, got shape {got_array.shape} "
             f"({show(got)}){known}", named_mistake=bool(known))
    if not np.allclose(got_array, expected_array, rtol=rtol, atol=atol, equal_nan=True):
        shown_expected, shown_got = shown_apart(expected, got)
        known = _known_mistake(got_array, mistakes, rtol, atol)
        fail(f"{what}: expected {shown_expected}, got {shown_got}{known}",
             named_mistake=bool(known))


def _known_mistake(got, mistakes: dict | None, rtol: float, atol: float) -> str:
    """`: <explanation>` for the first known mistake whose result `got` is, else ''."""
    for explanation, result in (mistakes or {}).items():
        result = np.asarray(result)
        if result.shape == got.shape and np.allclose(got, result, rtol=rtol, atol=atol):
            return f": {explanation}"
    return ""


def _unbox(value):
    """A Variable's data (grads are Variables from step 32 on); anything else as it is."""
    if value is None or isinstance(value, (np.ndarray, np.generic, int, float)):
        return value
    data = getattr(value, "data", value)
    if data is not value and hasattr(data, "data") and not isinstance(data, np.ndarray):
        fail(f"expected an array, got a {type(value).__name__} holding a "
             f"{type(data).__name__}: forward() returns plain ndarrays, and "
             f"Function.__call__ wraps them in a Variable")
    return data


def equal(got, expected, what: str) -> None:
    same = np.array_equal(got, expected) if isinstance(got, np.ndarray) else got == expected
    if not same:
        shown_expected, shown_got = shown_apart(expected, got)
        fail(f"{what}: expected {shown_expected}, got {shown_got}")


def is_true(condition: bool, message: str) -> None:
    if not condition:
        fail(message)


def is_array(value, what: str) -> None:
    """`value` must be an np.ndarray (NumPy scalars and Python numbers are not)."""
    if not isinstance(value, np.ndarray):
        fail(f"{what}: expected an np.ndarray, got {kind_of(value)}")


def instance(value, kind: type, what: str) -> None:
    if not isinstance(value, kind):
        fail(f"{what}: expected a {kind.__name__}, got {kind_of(value)}")


def raises(kind: type[BaseException], action: Callable[[], object], what: str):
    """`action()` must raise `kind`; returns what it raised, for more checks."""
    try:
        action()
    except kind as error:
        if _is_todo_stub(error):  # the skeleton's stub raises NotImplementedError too
            fail(_("{what}: not written yet ({error})").format(what=what, error=error))
        return error
    except Exception as error:  # wrong kind: say which
        fail(f"{what}: expected {kind.__name__}, got {type(error).__name__}: {error}")
    fail(f"{what}: expected {kind.__name__}, but nothing was raised")


def _is_todo_stub(error: BaseException) -> bool:
    return isinstance(error, NotImplementedError) and str(error).startswith("TODO(step")


def numerical_grad(f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-4):
    """Central-difference gradient of a scalar function f at x, element by element."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + eps
        upper = float(np.sum(f(x.copy())))
        x[index] = original - eps
        lower = float(np.sum(f(x.copy())))
        x[index] = original
        grad[index] = (upper - lower) / (2 * eps)
    return grad


def skip_optional(reason: str) -> None:
    """Skip the test because an optional tool (CuPy, a GPU) is missing: one line, reason.

    The learner's summary shows the reason once; `make verify` accepts such a skip where
    it refuses every other (a test that does not run proves nothing).
    """
    pytest.skip(f"{OPTIONAL} {reason}")


def is_optional_skip(reason: str | None) -> bool:
    """Whether a skip's reason says an optional tool is missing (skip_optional's skips)."""
    return (reason or "").startswith(OPTIONAL)


def optional(module: str, what_for: str):
    """Import an optional module, or skip the test with one line saying what is missing."""
    try:
        return importlib.import_module(module)
    except ImportError:
        skip_optional(f"{module} is not installed, so {what_for} are skipped")


def seeded(seed: int = 0) -> np.random.Generator:
    """The random numbers every test uses: the same on every run."""
    return np.random.default_rng(seed)
