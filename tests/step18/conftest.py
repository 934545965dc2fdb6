"""What step 18's tests share: DeZero's Config, put back after every test."""

import sys

import pytest


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
