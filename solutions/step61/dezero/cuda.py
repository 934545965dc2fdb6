"""dezero.cuda: the same code on the CPU (NumPy) and on an NVIDIA GPU (CuPy).

CuPy copies NumPy's interface: cupy.exp, cupy.zeros, cupy.ndarray ... So a function that
asks which module its data belongs to (`xp = cuda.get_array_module(x)`) and then calls
xp.exp instead of np.exp runs on either device. CuPy is optional: without it (or without
a GPU) everything runs on NumPy, and only moving data to the GPU fails, with one line.
"""

import numpy as np

import dezero  # dezero.core.Variable, looked up when called (core imports this module)

try:
    import cupy

    gpu_enable = True
except ImportError:  # no CuPy here: NumPy does everything
    cupy = None
    gpu_enable = False

MISSING = ("CuPy is not installed, so nothing can move to a GPU: install the CuPy package "
           "for your CUDA version (pip install cupy-cuda12x), on a machine with an NVIDIA GPU")


def _data(x):
    """The array inside a Variable; anything else as it is."""
    return x.data if isinstance(x, dezero.core.Variable) else x


def array_types():
    """What a Variable may hold: NumPy's ndarray, and CuPy's when CuPy is there."""
    return (np.ndarray,) if cupy is None else (np.ndarray, cupy.ndarray)


def get_array_module(x):
    """The module x's data belongs to: numpy, or cupy for data on the GPU.

    x is a Variable or an array; call it as `xp = cuda.get_array_module(x)`, then write
    xp.exp(x), xp.zeros(...): the same line runs on the CPU and on the GPU.
    """
    x = _data(x)
    if not gpu_enable:
        return np
    return cupy.get_array_module(x)


def as_numpy(x):
    """x as a NumPy ndarray (copied from the GPU if it is there); a scalar as a 0-d array."""
    x = _data(x)
    if gpu_enable and isinstance(x, cupy.ndarray):
        return cupy.asnumpy(x)
    return np.asarray(x)


def as_cupy(x):
    """x as a CuPy ndarray, on the GPU; without CuPy, a RuntimeError that says so."""
    x = _data(x)
    if not gpu_enable:
        raise RuntimeError(MISSING)
    return cupy.asarray(x)
