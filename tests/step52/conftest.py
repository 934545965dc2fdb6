"""What step 52's tests share: the package as imported with a stand-in GPU, or without CuPy
(tests/gpu_standin.py)."""

import pytest

from tests import gpu_standin


@pytest.fixture
def dezero_gpu(dezero, monkeypatch):
    """dezero as imported on a computer with CuPy and a GPU: `import cupy` (under any name)
    gives the stand-in, gpu_standin.FAKE_CUPY."""
    return gpu_standin.on_fake_gpu(dezero, monkeypatch)


@pytest.fixture
def dezero_no_cupy(dezero, monkeypatch):
    """dezero as imported on a computer without CuPy, whatever this one has."""
    return gpu_standin.without_cupy(dezero, monkeypatch)
