"""A stand-in for CuPy, so that step 52's lesson can be tested on a computer without a GPU.

CuPy's arrays live in the GPU's memory. NumPy's functions cannot work on them, and CuPy
refuses to mix them with NumPy's arrays: code that wants to run on either device must
take every function from the module of its data, `xp = cuda.get_array_module(x)`. A
mistake there (np.exp(x), np.zeros(...) next to GPU data) shows only on a GPU.

`DeviceArray` plays the GPU array. Like CuPy's, it is not an np.ndarray (the host array
it holds is out of reach), and it behaves as strictly as CuPy for the code the kata writes:
* operators (x + y, x * 2.0, -x, x > 0, x @ W, x += y), indexing (NumPy index arrays
  included: CuPy copies them over) and the methods (x.sum(), x.max(axis=1), x.reshape(...),
  x.astype(...), x.dot(W)) work, and give DeviceArrays (0-d ones too, as CuPy does);
* a NumPy function called on it (np.exp(x), np.clip(x, ...), np.broadcast_to(x, ...))
  raises, naming the function: take it from xp instead;
* a NumPy ndarray next to it (x * np.ones(3)) raises: it was made with np. where xp was
  needed;
* np.asarray(x) raises, as on CuPy: cupy.asnumpy(x) copies an array to the CPU.

`FAKE_CUPY` plays the module `cupy`: get_array_module, asnumpy, asarray, array, ndarray,
and NumPy's functions (exp, zeros, random.randn, add.at, ...), which make DeviceArrays.

The learner's dezero decides at import whether CuPy is there (`import cupy`, or
`import cupy as cp`, whatever name it binds, and whatever module asks), so a test does not
patch names into it: `on_fake_gpu(dezero, monkeypatch)` gives the package as imported on a
computer where `import cupy` finds FAKE_CUPY, and `without_cupy` as imported where it fails.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import types

import numpy as np

from kata import checks


class DeviceMixError(TypeError):
    """NumPy was used where the array module of the data (xp) was needed."""


# Functions NumPy may run on GPU data: through an operator of the array (np.float64(2.0) *
# x calls np.multiply with x). Anything else must come from xp.
OPERATORS = {
    np.add, np.subtract, np.multiply, np.true_divide, np.floor_divide, np.power,
    np.remainder, np.negative, np.positive, np.absolute, np.matmul, np.invert,
    np.greater, np.greater_equal, np.less, np.less_equal, np.equal, np.not_equal,
    np.logical_and, np.logical_or, np.bitwise_and, np.bitwise_or, np.bitwise_xor,
}
# NumPy's writers, which need the data in the computer's memory
WRITERS = {"save", "savez", "savez_compressed", "savetxt"}
SCALARS = (bool, int, float, complex, np.generic)


def _mixed(where: str) -> DeviceMixError:
    return DeviceMixError(f"a NumPy ndarray met GPU data in {where}: it was made with np. "
                          f"where xp = cuda.get_array_module(x) was needed (CuPy refuses to "
                          f"mix them)")


def _base(value, where: str = "", host_arrays: bool = True):
    """value with every DeviceArray as the host array inside (lists, tuples, dicts looked
    into); a NumPy ndarray is refused unless host_arrays."""
    if isinstance(value, DeviceArray):
        return value._host
    if isinstance(value, np.ndarray) and not host_arrays:
        raise _mixed(where)
    if isinstance(value, (list, tuple)):
        return type(value)(_base(item, where, host_arrays) for item in value)
    if isinstance(value, dict):
        return {key: _base(item, where, host_arrays) for key, item in value.items()}
    return value


def _device(value):
    """A result on the GPU: ndarrays as DeviceArrays, NumPy scalars as 0-d ones."""
    if isinstance(value, np.ndarray):
        return DeviceArray(value)
    if isinstance(value, np.generic):
        return DeviceArray(np.asarray(value))
    if isinstance(value, tuple):
        return tuple(_device(item) for item in value)
    return value


def _operand(value, operator: str):
    """The host form of an operator's other operand, or NotImplemented for a type an
    array does not know (a Variable then gets its reflected operator, as with CuPy)."""
    if isinstance(value, DeviceArray):
        return value._host
    if isinstance(value, np.ndarray):
        raise _mixed(f"`{operator}`")
    if isinstance(value, SCALARS):
        return value
    return NotImplemented


def _binary(operator: str, compute, reflected: bool = False):
    def method(self, other):
        other = _operand(other, operator)
        if other is NotImplemented:
            return NotImplemented
        return _device(compute(other, self._host) if reflected else compute(self._host, other))

    method.__name__ = f"__{'r' if reflected else ''}{operator}__"
    return method


def _inplace(operator: str, compute):
    def method(self, other):
        other = _operand(other, operator)
        if other is NotImplemented:
            return NotImplemented
        compute(self._host, other)
        return self

    method.__name__ = f"__i{operator}__"
    return method


def _unary(compute):
    return lambda self: _device(compute(self._host))


class DeviceArray:
    """A GPU array, as far as the kata's code can tell (see the module's docstring)."""

    __slots__ = ("_host", "__weakref__")
    __hash__ = None

    def __init__(self, host: np.ndarray):
        self._host = host

    # what every array has
    shape = property(lambda self: self._host.shape)
    dtype = property(lambda self: self._host.dtype)
    ndim = property(lambda self: self._host.ndim)
    size = property(lambda self: self._host.size)
    T = property(lambda self: DeviceArray(self._host.T))

    def __len__(self):
        return len(self._host)

    def __iter__(self):
        return (_device(row) for row in self._host)

    def __getitem__(self, key):
        return _device(self._host[_base(key)])  # NumPy index arrays: CuPy copies them over

    def __setitem__(self, key, value):
        self._host[_base(key)] = _base(value)

    def __bool__(self):
        return bool(self._host)

    def __float__(self):
        return float(self._host)

    def __int__(self):
        return int(self._host)

    def __format__(self, spec):
        return format(self._host, spec) if self.ndim == 0 else format(str(self), spec)

    def __repr__(self):
        return repr(self._host)  # CuPy's arrays print as NumPy's do

    def __str__(self):
        return str(self._host)

    def __copy__(self):
        return DeviceArray(self._host.copy())

    def __deepcopy__(self, memo):
        return DeviceArray(self._host.copy())

    def get(self):
        """A copy in the computer's memory, as a NumPy ndarray (CuPy's method)."""
        return self._host.copy()

    def __getattr__(self, name):  # x.sum(axis=0), x.reshape(2, 3), x.astype(np.float32), ...
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._host, name)
        if not callable(value):
            return _device(value)

        def method(*args, **kwargs):
            where = f"x.{name}()"
            args, kwargs = _base(args, where, False), _base(kwargs, where, False)
            return _device(value(*args, **kwargs))

        return method

    # operators: arrays of the same device, and numbers
    __add__, __radd__ = _binary("add", np.add), _binary("add", np.add, True)
    __sub__, __rsub__ = _binary("sub", np.subtract), _binary("sub", np.subtract, True)
    __mul__, __rmul__ = _binary("mul", np.multiply), _binary("mul", np.multiply, True)
    __truediv__ = _binary("truediv", np.true_divide)
    __rtruediv__ = _binary("truediv", np.true_divide, True)
    __floordiv__ = _binary("floordiv", np.floor_divide)
    __rfloordiv__ = _binary("floordiv", np.floor_divide, True)
    __mod__, __rmod__ = _binary("mod", np.remainder), _binary("mod", np.remainder, True)
    __pow__, __rpow__ = _binary("pow", np.power), _binary("pow", np.power, True)
    __matmul__ = _binary("matmul", np.matmul)
    __rmatmul__ = _binary("matmul", np.matmul, True)
    __and__, __rand__ = _binary("and", np.bitwise_and), _binary("and", np.bitwise_and, True)
    __or__, __ror__ = _binary("or", np.bitwise_or), _binary("or", np.bitwise_or, True)
    __xor__, __rxor__ = _binary("xor", np.bitwise_xor), _binary("xor", np.bitwise_xor, True)
    __lt__, __le__ = _binary("lt", np.less), _binary("le", np.less_equal)
    __gt__, __ge__ = _binary("gt", np.greater), _binary("ge", np.greater_equal)
    __eq__, __ne__ = _binary("eq", np.equal), _binary("ne", np.not_equal)
    __iadd__, __isub__ = _inplace("add", np.ndarray.__iadd__), _inplace("sub", np.ndarray.__isub__)
    __imul__ = _inplace("mul", np.ndarray.__imul__)
    __itruediv__ = _inplace("truediv", np.ndarray.__itruediv__)
    __ipow__ = _inplace("pow", np.ndarray.__ipow__)
    __neg__, __pos__ = _unary(np.negative), _unary(np.positive)
    __abs__, __invert__ = _unary(np.absolute), _unary(np.invert)

    # what NumPy does with it
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """np.<ufunc>(...) with GPU data among the inputs: an operator's own ufunc runs (as
        np.float64(2.0) * x needs), anything else is refused."""
        if method != "__call__" or ufunc not in OPERATORS:
            call = f"np.{ufunc.__name__}" + ("" if method == "__call__" else f".{method}")
            raise DeviceMixError(f"{call}() was called on GPU data: NumPy cannot compute on "
                                 f"a CuPy array; use xp.{ufunc.__name__} with "
                                 f"xp = cuda.get_array_module(x)")
        if any(not isinstance(x, (DeviceArray, *SCALARS, np.ndarray)) for x in inputs):
            return NotImplemented
        inputs = _base(inputs, f"`{ufunc.__name__}`", host_arrays=False)
        return _device(ufunc(*inputs, **_base(kwargs)))

    def __array_function__(self, func, types, args, kwargs):
        name = func.__name__
        if name in WRITERS:
            raise DeviceMixError(f"np.{name}() was given arrays still on the GPU: NumPy "
                                 f"writes only arrays in the computer's memory; copy them "
                                 f"there first (cuda.as_numpy, as to_cpu() does)")
        raise DeviceMixError(f"np.{name}() was called on GPU data: NumPy cannot compute on "
                             f"a CuPy array; use xp.{name} with "
                             f"xp = cuda.get_array_module(x)")

    def __array__(self, dtype=None, copy=None):
        raise DeviceMixError("NumPy was asked to turn GPU data into an ndarray (np.asarray, "
                             "np.array, ...): CuPy refuses to do it implicitly; "
                             "cupy.asnumpy(x) copies it to the CPU (cuda.as_numpy)")


class _Wrapped:
    """A NumPy function (or ufunc, or submodule) as the fake cupy offers it: it takes
    DeviceArrays and gives DeviceArrays."""

    def __init__(self, target, name: str):
        self._target, self._name = target, name

    def __call__(self, *args, **kwargs):
        where = f"cupy.{self._name}()"
        if self._name.endswith(".at") and len(args) > 1:  # add.at(x, indexes, y): NumPy
            x, indexes, *rest = args  # index arrays are let through, as in x[indexes]
            args = (_base(x, where, False), _base(indexes), *_base(rest, where, False))
        else:
            args = _base(args, where, False)
        return _device(self._target(*args, **_base(kwargs, where, False)))

    def __getattr__(self, name):  # add.at, random.randn, ...
        return _attribute(getattr(self._target, name), f"{self._name}.{name}")

    def __repr__(self):
        return f"<cupy.{self._name} (the kata's stand-in)>"


def _attribute(value, name: str):
    if isinstance(value, type):  # np.float32, np.int64: dtypes pass as they are
        return value
    if callable(value) or isinstance(value, types.ModuleType):
        return _Wrapped(value, name)
    return value  # np.newaxis, np.pi, ...


# What NumPy has and CuPy has not, or no longer
GONE = {"scatter_add": "it left cupy in CuPy 8: xp.add.at works on CuPy 13 and on NumPy, "
                       "cupyx.scatter_add on older CuPy"}


def _host_copy(x, dtype=None):
    return np.array(_base(x), dtype=dtype)


class FakeCupy(types.ModuleType):
    """The module cupy, as far as DeZero uses it (found by `import cupy` while a test has it
    installed: see on_fake_gpu)."""

    ndarray = DeviceArray

    def get_array_module(self, *arrays):
        return self if any(isinstance(a, DeviceArray) for a in arrays) else np

    def asnumpy(self, x):
        """x in the computer's memory: a copy of a GPU array, anything else as np.asarray."""
        return x._host.copy() if isinstance(x, DeviceArray) else np.asarray(x)

    def asarray(self, x, dtype=None):
        if isinstance(x, DeviceArray) and (dtype is None or np.dtype(dtype) == x.dtype):
            return x
        return DeviceArray(_host_copy(x, dtype))

    def array(self, x, dtype=None):
        return DeviceArray(_host_copy(x, dtype))

    def __getattr__(self, name):
        if name.startswith("__") or not hasattr(np, name) or name in GONE:
            raise AttributeError(f"module 'cupy' has no attribute {name!r}"
                                 + (f" ({GONE[name]})" if name in GONE else ""))
        return _attribute(getattr(np, name), name)

    def __repr__(self):
        return "<module 'cupy' (the kata's stand-in GPU)>"


def _fake_module(cls, name: str):
    module = cls(name, f"The kata's stand-in for {name} (tests/gpu_standin.py).")
    module.__spec__ = importlib.machinery.ModuleSpec(name, None)  # find_spec finds it
    return module


FAKE_CUPY = _fake_module(FakeCupy, "cupy")
# cupy.cuda, as far as code that asks for a GPU does: there is one
FAKE_CUPY.cuda = types.SimpleNamespace(
    is_available=lambda: True, runtime=types.SimpleNamespace(getDeviceCount=lambda: 1))
# cupyx, for its scatter_add (GetItemGrad's backward on CuPy 8 to 12)
FAKE_CUPYX = _fake_module(types.ModuleType, "cupyx")
FAKE_CUPYX.scatter_add = FAKE_CUPY.add.at


def on_device(array) -> bool:
    return isinstance(array, DeviceArray)


def to_device(array) -> DeviceArray:
    """A copy of array on the stand-in GPU (cupy.asarray)."""
    return DeviceArray(np.array(array))


def to_host(array) -> np.ndarray:
    """A copy of a GPU array in the computer's memory (cupy.asnumpy)."""
    return FAKE_CUPY.asnumpy(array)


# The learner's package, imported again where `import cupy` gives FAKE_CUPY ("gpu") or
# fails ("no cupy"): one copy per package and case, for the whole test session.
_COPIES: dict[tuple[int, str], tuple[types.ModuleType, dict[str, types.ModuleType]]] = {}


def _ours(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _cupy_modules(cupy) -> dict[str, types.ModuleType | None]:
    """What sys.modules holds for CuPy's modules on the computer: the stand-ins, or None
    for each (then `import cupy` fails)."""
    return {"cupy": cupy, "cupyx": FAKE_CUPYX if cupy is not None else None}


def _swapped(name: str, package: str) -> bool:
    return _ours(name, package) or any(_ours(name, cupy) for cupy in _cupy_modules(None))


def _import_anew(package: types.ModuleType, cupy) -> dict[str, types.ModuleType]:
    """package's modules, imported afresh while `import cupy` gives `cupy` (None: the
    import fails); sys.modules is left as it was."""
    name = package.__name__
    saved = {key: module for key, module in sys.modules.items() if _swapped(key, name)}
    for key in saved:
        del sys.modules[key]
    sys.modules.update(_cupy_modules(cupy))
    try:
        importlib.import_module(name)
        return {key: module for key, module in sys.modules.items() if _ours(key, name)}
    finally:
        for key in [key for key in sys.modules if _swapped(key, name)]:
            del sys.modules[key]
        sys.modules.update(saved)


def _package_where(dezero, case: str, cupy, monkeypatch):
    """The test's dezero (the kata's wrapper of the package) as imported on a computer of
    `case`, installed in sys.modules (with `cupy`) for the rest of the test."""
    package = dezero._module
    key = (id(package), case)
    if key not in _COPIES:
        try:
            modules = _import_anew(package, cupy)
        except Exception as error:  # noqa: BLE001 - the learner's import: any kind
            checks.fail(f"dezero does not import on a computer {case}: "
                        f"{type(error).__name__}: {error}")
        _COPIES[key] = (package, modules)  # the package kept: its id stays its own
    modules = _COPIES[key][1]
    for name, module in {**modules, **_cupy_modules(cupy)}.items():
        monkeypatch.setitem(sys.modules, name, module)
    return type(dezero)(modules[package.__name__], dezero._where, dezero._step)


def on_fake_gpu(dezero, monkeypatch):
    """dezero as imported on a computer with CuPy and a GPU (FAKE_CUPY), for one test."""
    return _package_where(dezero, "with CuPy (the kata's stand-in)", FAKE_CUPY, monkeypatch)


def without_cupy(dezero, monkeypatch):
    """dezero as imported on a computer without CuPy (whatever this one has), for one test."""
    return _package_where(dezero, "without CuPy", None, monkeypatch)


def fails_naming_cupy(action, what: str) -> None:
    """action() (on a computer without CuPy) must raise an error that says CuPy is missing,
    in one line: a learner who asked for the GPU learns why there is none."""
    try:
        action()
    except NotImplementedError:
        raise  # a TODO of the skeleton: the runner says which
    except Exception as error:  # noqa: BLE001 - any kind, as long as it says why
        said = str(error).strip()
        checks.is_true("cupy" in said.lower() and "\n" not in said, f"{what} without CuPy "
                       f"should say that CuPy is missing, in one line (cuda.MISSING); got "
                       f"{type(error).__name__}: {checks.show(said)}")
    else:
        checks.fail(f"{what} without CuPy raised nothing: it should say that CuPy is missing")
