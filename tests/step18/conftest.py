"""What step 18's tests share: DeZero's Config, put back after every test; no_grad and
using_config, checked to give something `with` can use."""

import sys
import types

import pytest

from kata import checks


@pytest.fixture
def config(dezero):
    """The Config class, from the module that defines Function (dezero.py, later dezero/core)."""
    return sys.modules[dezero.Function.__module__].Config


@pytest.fixture(autouse=True)
def config_restored(config):
    """A using_config that forgets to restore would switch backprop off for every later test."""
    saved = config.enable_backprop
    yield
    config.enable_backprop = saved


def context_manager(manager, call: str, advice: str):
    """`manager`, if `with` can use it; else a failure that says what `call` returned."""
    if hasattr(manager, "__enter__") and hasattr(manager, "__exit__"):
        return manager
    if isinstance(manager, types.GeneratorType):
        checks.fail(f"{call} returned a generator, not a context manager: decorate "
                    f"using_config with @contextlib.contextmanager")
    checks.fail(f"{call} returned {checks.kind_of(manager)}, not a context manager, so "
                f"`with {call}:` cannot use it: {advice}")


@pytest.fixture
def no_grad(dezero):
    """`with no_grad():` as in the book, where a no_grad() that returns nothing is named."""
    def checked():
        return context_manager(dezero.no_grad(), "no_grad()", "no_grad() must return "
                               "using_config('enable_backprop', False)")
    return checked


@pytest.fixture
def using_config(dezero):
    """`with using_config(name, value):`, checked the same way."""
    def checked(name, value):
        return context_manager(dezero.using_config(name, value), f"using_config({name!r}, "
                               f"{value!r})", "using_config must be a generator function "
                               "(it yields) decorated with @contextlib.contextmanager")
    return checked
