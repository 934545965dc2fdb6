"""Layers: functions that hold their own parameters. `import dezero.layers as L`.

A Function is made anew for every call and forgets everything after backward; a Layer is
made once and keeps its parameters (weights, biases) from one call to the next, so that
training can improve them.
"""

import os
import weakref

import numpy as np

import dezero.functions as F
from dezero import cuda
from dezero.core import Parameter
from dezero.utils import pair


class Layer:
    """The base of every layer: notes which attributes are Parameters, and calls forward."""

    def __init__(self):
        self._params = set()

    def __setattr__(self, name, value):
        """`self.W = Parameter(...)` passes here: a Parameter's name is noted in _params."""
        # (`self.l1 = L.Linear(10)`: the parameters of l1 are this layer's too)
        if isinstance(value, (Parameter, Layer)):
            self._params.add(name)
        super().__setattr__(name, value)

    def __call__(self, *inputs):
        """forward(*inputs); the inputs and outputs are kept as weak references."""
        outputs = self.forward(*inputs)
        if not isinstance(outputs, tuple):
            outputs = (outputs,)
        # Weakly, as a Function holds its outputs: a layer lives as long as its model, and
        # strong references would keep the whole graph of its last call alive with it.
        self.inputs = [weakref.ref(x) for x in inputs]
        self.outputs = [weakref.ref(y) for y in outputs]
        return outputs if len(outputs) > 1 else outputs[0]

    def forward(self, *inputs):
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")

    def params(self):
        """The layer's Parameters, one by one (a generator)."""
        for name in self._params:
            obj = self.__dict__[name]
            if isinstance(obj, Layer):
                yield from obj.params()
            else:
                yield obj

    def cleargrads(self):
        """Clear the grad of every Parameter: before each backward of a training loop."""
        for param in self.params():
            param.cleargrad()

    def to_cpu(self):
        """Move every parameter's data to the CPU (those of the layers inside too)."""
        for param in self.params():
            param.to_cpu()

    def to_gpu(self):
        """Move every parameter's data to the GPU; needs CuPy."""
        for param in self.params():
            param.to_gpu()

    def _flatten_params(self, params_dict, parent_key=""):
        """Fill params_dict with every Parameter, the layers inside included, under a key
        that says where it is: "l0/W" is the W of the attribute l0."""
        for name in self._params:
            obj = self.__dict__[name]
            key = f"{parent_key}/{name}" if parent_key else name
            if isinstance(obj, Layer):
                obj._flatten_params(params_dict, key)
            else:
                params_dict[key] = obj

    def save_weights(self, path):
        """Save every parameter's data in one .npz file (np.savez_compressed), named as
        _flatten_params names them. ".npz" is added to a path without it, as NumPy does.

        The file is written beside its place and renamed into it when complete: a save that
        fails half way leaves no half-written file, and an older file there stays intact.
        """
        path = _npz_path(path)
        params_dict = {}
        self._flatten_params(params_dict)
        arrays = {key: cuda.as_numpy(param.data) for key, param in params_dict.items()
                  if param.data is not None}  # a lazy weight not made yet has nothing to save
        part = path + ".part"
        try:
            with open(part, "wb") as file:  # a file object: NumPy adds no ".npz" to it
                np.savez_compressed(file, **arrays)
            os.replace(part, path)  # in one step: the file is whole or not there
        except BaseException:  # Ctrl-C too: nothing half-written stays behind
            if os.path.exists(part):
                os.remove(part)
            raise

    def load_weights(self, path):
        """Set every parameter from a file save_weights wrote.

        All or nothing: the whole file is read and checked against this layer first (the
        same keys, the same shapes), and only then are the parameters set. A missing file,
        a truncated one, or one for another network raises, and leaves every parameter as
        it was. A lazy weight (data still None) takes the file's array as it is.
        """
        params_dict = {}
        self._flatten_params(params_dict)
        arrays = _read_weights(_npz_path(path))
        problems = _mismatches(params_dict, arrays)
        if problems:
            raise WeightsError(f"{path} does not fit this {type(self).__name__}: "
                               f"{'; '.join(problems)}")
        for key, param in params_dict.items():
            param.data = arrays[key]


class WeightsError(ValueError):
    """A weights file that cannot be loaded: truncated, corrupt, or for another network."""


def _npz_path(path):
    """path as np.savez_compressed names it: with ".npz" at the end."""
    path = os.fspath(path)
    return path if path.endswith(".npz") else path + ".npz"


def _read_weights(path):
    """Every array of the .npz file at path, read in full now (np.load reads lazily)."""
    if not os.path.exists(path):
        raise FileNotFoundError(f"no weights file {path} (save_weights writes one)")
    try:
        with np.load(path, allow_pickle=False) as npz:
            arrays = {key: npz[key] for key in npz.files}
    except Exception as error:  # zipfile's, zlib's, NumPy's: all say the file is damaged
        raise WeightsError(f"{path} is not a whole weights file (truncated or corrupt: "
                           f"{type(error).__name__}); save it again") from None
    broken = sorted(key for key, value in arrays.items() if not isinstance(value, np.ndarray))
    if broken:  # np.load gives the raw bytes of a member that is not an array
        raise WeightsError(f"{path}: {', '.join(broken)} not arrays (a corrupt file)")
    return arrays


def _mismatches(params_dict, arrays):
    """What keeps arrays from fitting params_dict, in words: [] when they fit."""
    problems = []
    missing = sorted(set(params_dict) - set(arrays))
    extra = sorted(set(arrays) - set(params_dict))
    if missing:
        problems.append(f"the file has no {', '.join(missing)}")
    if extra:
        problems.append(f"the file has {', '.join(extra)}, which this network has not")
    for key in sorted(set(params_dict) & set(arrays)):
        data = params_dict[key].data
        if data is not None and data.shape != arrays[key].shape:
            problems.append(f"{key} has shape {arrays[key].shape} in the file, "
                            f"{data.shape} here")
    return problems


class Linear(Layer):
    """y = x W + b for x of shape (N, in_size); W has shape (in_size, out_size).

    Without in_size, W is made by the first call, from the size of the input it gets.
    """

    def __init__(self, out_size, nobias=False, dtype=np.float32, in_size=None):
        super().__init__()
        self.in_size = in_size
        self.out_size = out_size
        self.dtype = dtype
        self.W = Parameter(None, name="W")
        if self.in_size is not None:  # else W waits for the first input to say its size
            self._init_W()
        if nobias:
            self.b = None
        else:
            self.b = Parameter(np.zeros(out_size, dtype=dtype), name="b")

    def _init_W(self, xp=np):
        """W from a standard normal, times sqrt(1 / in_size): y then keeps x's scale.

        xp is the module of the data W will meet: the first input's, when W waits for it.
        """
        I, O = self.in_size, self.out_size
        # np.sqrt gives a float64 scalar, and in NumPy 2 float32 times float64 is float64
        scale = np.sqrt(1 / I).astype(self.dtype)
        self.W.data = xp.random.randn(I, O).astype(self.dtype) * scale

    def forward(self, x):
        if self.W.data is None:
            self.in_size = x.shape[1]
            self._init_W(cuda.get_array_module(x))
        return F.linear(x, self.W, self.b)


class Conv2d(Layer):
    """A convolution layer: out_channels kernels of kernel_size, and a bias per channel.

    As Linear does with in_size, the kernel's input channels can be left out: they are
    read from the first input (lazy initialisation), and W is made then.
    """

    def __init__(self, out_channels, kernel_size, stride=1, pad=0, nobias=False,
                 dtype=np.float32, in_channels=None):
        super().__init__()
        self.in_channels, self.out_channels = in_channels, out_channels
        self.kernel_size, self.stride, self.pad, self.dtype = kernel_size, stride, pad, dtype
        self.W = Parameter(None, name="W")
        if in_channels is not None:
            self._init_W()
        self.b = None if nobias else Parameter(np.zeros(out_channels, dtype=dtype), name="b")

    def _init_W(self, xp=np):
        """Random kernels scaled by 1 / sqrt(C * KH * KW), the numbers one window holds, so
        that outputs start about as large as inputs."""
        C, OC = self.in_channels, self.out_channels
        KH, KW = pair(self.kernel_size)
        scale = np.sqrt(1 / (C * KH * KW))
        # scale is an np.float64: multiply first, then cast (NumPy 2 keeps float64 otherwise)
        self.W.data = (xp.random.randn(OC, C, KH, KW) * scale).astype(self.dtype)

    def forward(self, x):
        if self.W.data is None:
            self.in_channels = x.shape[1]
            self._init_W(cuda.get_array_module(x))
        return F.conv2d(x, self.W, self.b, self.stride, self.pad)


class RNN(Layer):
    """A recurrent layer: h = tanh(x W_x + b + h_prev W_h), the hidden state kept between
    calls, until reset_state().

    The state is the graph's memory too: each call's h holds, through its creator, every
    earlier call. Truncated backprop cuts it (Variable.unchain_backward, this step).
    """

    def __init__(self, hidden_size, in_size=None):
        super().__init__()
        self.x2h = Linear(hidden_size, in_size=in_size)
        # h2h reads the hidden state, whose size is hidden_size whatever in_size is (the
        # book passes in_size here, which fails when in_size is given and differs).
        # Its W is made here only when in_size is given, as x2h's is; else at its first
        # call (Linear reads the size from h): a seeded run draws in the book's order.
        h_size = None if in_size is None else hidden_size
        self.h2h = Linear(hidden_size, in_size=h_size, nobias=True)
        self.h = None

    def reset_state(self):
        """Start a new sequence: the next call has no previous state."""
        self.h = None

    def forward(self, x):
        if self.h is None:
            h_new = F.tanh(self.x2h(x))
        else:
            h_new = F.tanh(self.x2h(x) + self.h2h(self.h))
        self.h = h_new
        return h_new


class LSTM(Layer):
    """A long short-term memory layer: a cell c that gates decide to keep (f), add to (i, u)
    and show (o); h = o * tanh(c). State kept between calls until reset_state()."""

    def __init__(self, hidden_size, in_size=None):
        super().__init__()
        H, I = hidden_size, in_size
        self.x2f = Linear(H, in_size=I)
        self.x2i = Linear(H, in_size=I)
        self.x2o = Linear(H, in_size=I)
        self.x2u = Linear(H, in_size=I)
        self.h2f = Linear(H, in_size=H, nobias=True)
        self.h2i = Linear(H, in_size=H, nobias=True)
        self.h2o = Linear(H, in_size=H, nobias=True)
        self.h2u = Linear(H, in_size=H, nobias=True)
        self.reset_state()

    def reset_state(self):
        self.h = None
        self.c = None

    def forward(self, x):
        if self.h is None:
            f = F.sigmoid(self.x2f(x))
            i = F.sigmoid(self.x2i(x))
            o = F.sigmoid(self.x2o(x))
            u = F.tanh(self.x2u(x))
        else:
            f = F.sigmoid(self.x2f(x) + self.h2f(self.h))
            i = F.sigmoid(self.x2i(x) + self.h2i(self.h))
            o = F.sigmoid(self.x2o(x) + self.h2o(self.h))
            u = F.tanh(self.x2u(x) + self.h2u(self.h))
        c_new = i * u if self.c is None else f * self.c + i * u
        h_new = o * F.tanh(c_new)
        self.h, self.c = h_new, c_new
        return h_new
