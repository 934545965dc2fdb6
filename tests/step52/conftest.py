"""What step 52's tests share: a stand-in GPU (tests/gpu_standin.py)."""

import pytest

from tests import gpu_standin


@pytest.fixture
def gpu(dezero, monkeypatch):
    """dezero.cuda with the stand-in CuPy installed, for one test: returns the fake cupy."""
    return gpu_standin.on_fake_gpu(dezero, monkeypatch)


@pytest.fixture
def no_cupy(dezero, monkeypatch):
    """dezero.cuda as it is on a computer without CuPy, whatever this one has."""
    gpu_standin.without_cupy(dezero, monkeypatch)


