"""Assertions that explain themselves to a learner, and the numerical gradient.

Every check names what it looked at (`what`), what it expected and what it got, and fails
without a traceback into this file. Tests import these instead of writing bare asserts.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest


def fail(message: str) -> None:
    pytest.fail(message, pytrace=False)


SHOWN_LENGTH = 150  # characters of one value in a message, at most


def show(value) -> str:
    """A short, one-line picture of a value."""
    if isinstance(value, np.ndarray) and value.dtype != object:
        text = np.array2string(value, precision=6, separator=", ", threshold=12)
        text = " ".join(text.split())
        text = f"array({text}, shape={value.shape})" if value.ndim else f"array({text})"
    elif isinstance(value, np.ndarray):  # e.g. Variables that NumPy wrapped in an array
        text = f"an array of {value.size} {type(value.flat[0]).__name__} objects" \
            if value.size else "an empty object array"
    elif isinstance(value, (list, tuple)):
        inner = ", ".join(show(item) for item in value)
        if isinstance(value, tuple):
            text = f"({inner},)" if len(value) == 1 else f"({inner})"
        else:
            text = f"[{inner}]"
    else:
        try:
            text = repr(value)
        except Exception as error:  # a learner's unfinished __repr__ must not hide the failure
            text = f"<a {type(value).__name__} whose repr raised {type(error).__name__}>"
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH - 3] + "..."


def close(got, expected, what: str, rtol: float = 1e-6, atol: float = 1e-8) -> None:
    """`got` must be numerically close to `expected` (same shape for arrays).

    A Variable counts as its data (from step 32 on, gradients are Variables).
    """
    got = _unbox(got)
    if got is None:
        fail(f"{what}: expected {show(np.asarray(expected))}, got None")
    got_array, expected_array = np.asarray(got), np.asarray(expected)
    if got_array.shape != expected_array.shape:
        fail(f"{what}: expected shape {expected_array.shape}, got shape {got_array.shape} "
             f"({show(got)})")
    if not np.allclose(got_array, expected_array, rtol=rtol, atol=atol, equal_nan=True):
        fail(f"{what}: expected {show(expected)}, got {show(got)}")


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
        fail(f"{what}: expected {show(expected)}, got {show(got)}")


def is_true(condition: bool, message: str) -> None:
    if not condition:
        fail(message)


def is_array(value, what: str) -> None:
    """`value` must be an np.ndarray (NumPy scalars and Python numbers are not)."""
    if not isinstance(value, np.ndarray):
        fail(f"{what}: expected an np.ndarray, got {type(value).__name__} ({show(value)})")


def instance(value, kind: type, what: str) -> None:
    if not isinstance(value, kind):
        fail(f"{what}: expected a {kind.__name__}, got {type(value).__name__} ({show(value)})")


def raises(kind: type[BaseException], action: Callable[[], object], what: str) -> None:
    """`action()` must raise `kind`."""
    try:
        action()
    except kind as error:
        if _is_todo_stub(error):  # the skeleton's stub raises NotImplementedError too
            fail(f"{what}: not written yet ({error})")
        return
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


def seeded(seed: int = 0) -> np.random.Generator:
    """The random numbers every test uses: the same on every run."""
    return np.random.default_rng(seed)
