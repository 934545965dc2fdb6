"""A stand-in for CuPy, so that step 52's lesson can be tested on a computer without a GPU.

CuPy's arrays live in the GPU's memory. NumPy's functions cannot work on them, and CuPy
refuses to mix them with NumPy's arrays: code that wants to run on either device must
take every function from the module of its data, `xp = cuda.get_array_module(x)`. A
mistake there (np.exp(x), np.zeros(...) next to GPU data) shows only on a GPU.

`DeviceArray` plays the GPU array here. It is an ndarray underneath, but it behaves as
strictly as CuPy would for the code the kata writes:
* operators (x + y, x * 2.0, -x, x > 0, x @ W) and reductions (x.sum(), x.max()) work,
  as they do on a CuPy array;
* a NumPy function called on it (np.exp(x), np.clip(x, ...), np.broadcast_to(x, ...))
  raises, naming the function: take it from xp instead;
* a plain NumPy ndarray next to it (x * np.ones(3)) raises: the NumPy array was made
  with np. where xp was needed;
* results of anything that works stay DeviceArrays (0-d ones too, never NumPy scalars,
  as on CuPy), so a result that came back as a plain ndarray was converted on the way.

`FAKE_CUPY` plays the cupy module: get_array_module, asnumpy, asarray, ndarray, and
NumPy's functions (exp, zeros, random.randn, add.at, ...) that make DeviceArrays.
`on_fake_gpu(dezero, monkeypatch)` installs it as dezero.cuda's cupy for one test.
"""

from __future__ import annotations

import numpy as np

# What a CuPy array allows through NumPy's dispatch: the operators and the reductions
# behind ndarray's methods. Everything else must come from xp.
OPERATORS = {
    np.add, np.subtract, np.multiply, np.true_divide, np.floor_divide, np.power,
    np.remainder, np.negative, np.positive, np.absolute, np.matmul, np.invert,
    np.greater, np.greater_equal, np.less, np.less_equal, np.equal, np.not_equal,
    np.logical_and, np.logical_or, np.logical_not, np.bitwise_and, np.bitwise_or,
    np.clip,  # ndarray.clip, the method (np.clip, the function, is refused below)
    np.square, np.reciprocal,  # x ** 2 and x ** -1: NumPy's shortcuts for the operator
}
REDUCTIONS = {np.add, np.multiply, np.maximum, np.minimum, np.logical_and, np.logical_or}


class DeviceMixError(TypeError):
    """NumPy was used where the array module of the data (xp) was needed."""


def _base(value):
    """A DeviceArray as the plain ndarray underneath (lists and tuples looked into)."""
    if isinstance(value, DeviceArray):
        return value.view(np.ndarray)
    if isinstance(value, (list, tuple)):
        return type(value)(_base(v) for v in value)
    return value


def _device(value):
    """A result as DeviceArrays: ndarrays viewed as one, NumPy scalars as 0-d ones."""
    if isinstance(value, np.ndarray) and not isinstance(value, DeviceArray):
        return value.view(DeviceArray)
    if isinstance(value, np.generic):
        return np.asarray(value).view(DeviceArray)
    if isinstance(value, tuple):
        return tuple(_device(v) for v in value)
    return value


def _is_host_array(value) -> bool:
    return isinstance(value, np.ndarray) and not isinstance(value, DeviceArray)


class DeviceArray(np.ndarray):
    """A GPU array, as far as the kata's code can tell (see the module's docstring)."""

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        allowed = ((method == "__call__" and ufunc in OPERATORS)
                   or (method == "reduce" and ufunc in REDUCTIONS))
        if not allowed:
            call = f"np.{ufunc.__name__}" + ("" if method == "__call__" else f".{method}")
            raise DeviceMixError(f"{call}() was called on GPU data: NumPy cannot compute on "
                                 f"a CuPy array; use xp.{ufunc.__name__} with "
                                 f"xp = cuda.get_array_module(x)")
        if any(_is_host_array(x) for x in inputs):
            raise DeviceMixError(f"a NumPy ndarray met GPU data in `{ufunc.__name__}`: it was "
                                 f"made with np. where xp = cuda.get_array_module(x) was "
                                 f"needed (CuPy refuses to mix them)")
        if "out" in kwargs:
            kwargs["out"] = _base(kwargs["out"])
        result = getattr(ufunc, method)(*_base(inputs), **kwargs)
        return _device(result)

    def __array_function__(self, func, types, args, kwargs):
        raise DeviceMixError(f"np.{func.__name__}() was called on GPU data: NumPy cannot "
                             f"compute on a CuPy array; use xp.{func.__name__} with "
                             f"xp = cuda.get_array_module(x)")


class _Wrapped:
    """A NumPy function (or ufunc, or submodule) as the fake cupy offers it: it takes
    DeviceArrays and gives DeviceArrays."""

    def __init__(self, target):
        self._target = target

    def __call__(self, *args, **kwargs):
        kwargs = {key: _base(value) for key, value in kwargs.items()}
        return _device(self._target(*_base(args), **kwargs))

    def __getattr__(self, name):  # add.at, add.reduce, random.randn, ...
        return _attribute(getattr(self._target, name))


def _attribute(value):
    if isinstance(value, type):  # np.float32, np.ndarray: types pass as they are
        return value
    if callable(value) or type(value).__name__ == "module":
        return _Wrapped(value)
    return value  # np.newaxis, np.pi, ...


class FakeCupy:
    """The cupy module, as far as dezero.cuda and the kata's code use it."""

    __name__ = "cupy (the kata's stand-in)"
    ndarray = DeviceArray

    def get_array_module(self, *arrays):
        return self if any(isinstance(a, DeviceArray) for a in arrays) else np

    def asnumpy(self, x):
        return np.asarray(_base(x))

    def asarray(self, x, dtype=None):
        return np.asarray(_base(x), dtype=dtype).view(DeviceArray)

    def array(self, x, dtype=None):
        return np.array(_base(x), dtype=dtype).view(DeviceArray)

    def __getattr__(self, name):
        return _attribute(getattr(np, name))


FAKE_CUPY = FakeCupy()


def cuda_namespace(dezero) -> dict:
    """The global names of the package's dezero.cuda module, where its functions look up
    `cupy` and `gpu_enable` when they run (the test's `dezero` is a wrapper of the package:
    setting an attribute on it would not reach the module)."""
    return dezero.cuda.get_array_module.__globals__


def on_fake_gpu(dezero, monkeypatch):
    """Make dezero.cuda see FAKE_CUPY as CuPy for the rest of the test; returns it."""
    names = cuda_namespace(dezero)
    monkeypatch.setitem(names, "cupy", FAKE_CUPY)
    monkeypatch.setitem(names, "gpu_enable", True)
    return FAKE_CUPY


def without_cupy(dezero, monkeypatch):
    """Make dezero.cuda behave as on a computer without CuPy, for the rest of the test."""
    names = cuda_namespace(dezero)
    monkeypatch.setitem(names, "cupy", None)
    monkeypatch.setitem(names, "gpu_enable", False)


def on_device(array) -> bool:
    return isinstance(array, DeviceArray)


def to_device(array) -> DeviceArray:
    return np.asarray(array).view(DeviceArray)
