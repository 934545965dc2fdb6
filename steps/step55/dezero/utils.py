"""Tools around the core: drawing a computational graph in the DOT language (Graphviz),
the shape helpers of the tensor functions (from step 39), logsumexp (step 47), and the
cache folder and downloads of the data sets (step 51)."""

import os
import shutil
import subprocess

from dezero import cuda  # the module of the data: numpy, or cupy on a GPU


def _dot_var(v, verbose=False):
    """One DOT node for the Variable v: an orange ellipse labelled with its name.

    With verbose=True the label also gives the data's shape and dtype, e.g. `x: (2, 3) float64`.
    """
    label = "" if v.name is None else v.name
    if verbose and v.data is not None:
        if v.name is not None:
            label += ": "
        label += f"{v.shape} {v.dtype}"
    # id(v) is unique while v is alive: a node name no other node of the graph has
    return f'{id(v)} [label="{label}", color=orange, style=filled]\n'


def _live_outputs(f):
    """The outputs of f that still exist: f holds them through weak references (step 17)."""
    return [y for y in (ref() for ref in f.outputs) if y is not None]


def _dot_func(f):
    """One DOT node for the Function f (a light-blue box named after its class), and its edges:
    each input -> f, and f -> each output that is still alive."""
    text = f'{id(f)} [label="{type(f).__name__}", color=lightblue, style=filled, shape=box]\n'
    for x in f.inputs:
        text += f"{id(x)} -> {id(f)}\n"
    for y in _live_outputs(f):  # an output nobody keeps is gone: no node to point at
        text += f"{id(f)} -> {id(y)}\n"
    return text


def get_dot_graph(output, verbose=True):
    """The graph that computed `output`, as DOT text: `digraph g { ... }`.

    It walks back from output through the creators, as backward() does, drawing each
    function once and each variable once.
    """
    text = [_dot_var(output, verbose)]
    drawn = {id(output)}
    funcs = []
    seen = set()

    def add_func(f):
        if f is not None and f not in seen:
            seen.add(f)
            funcs.append(f)  # the order does not matter for a picture: no generations needed

    add_func(output.creator)
    while funcs:
        f = funcs.pop()
        text.append(_dot_func(f))
        # every end of f's edges gets its node: its inputs, and other outputs still alive
        for v in f.inputs + _live_outputs(f):
            if id(v) not in drawn:
                drawn.add(id(v))
                text.append(_dot_var(v, verbose))
        for x in f.inputs:
            add_func(x.creator)
    return "digraph g {\n" + "".join(text) + "}"


def plot_dot_graph(output, verbose=True, to_file="graph.png"):
    """Draw the graph of `output` into to_file (png, pdf, svg ...: its extension says which).

    The DOT text is written beside it (graph.png -> graph.dot), then Graphviz's `dot` command
    draws it. Without Graphviz, the .dot file is still written and one line says what to do.
    """
    dot_file = os.path.splitext(to_file)[0] + ".dot"
    with open(dot_file, "w", encoding="utf-8") as file:
        file.write(get_dot_graph(output, verbose))

    extension = os.path.splitext(to_file)[1][1:] or "png"
    command = ["dot", dot_file, "-T", extension, "-o", to_file]
    dot = shutil.which("dot")
    if dot is None:
        print(f"Graphviz is not installed (no `dot` command): wrote {dot_file}; to draw "
              f"{to_file}, install Graphviz and run: {' '.join(command)}")
        return
    # check=True: a dot that fails raises CalledProcessError (its message is on the screen)
    subprocess.run([dot, *command[1:]], check=True)


def reshape_sum_backward(gy, x_shape, axis, keepdims):
    """gy, the gradient of a sum of x over axis, reshaped so that it broadcasts against x.

    A sum with keepdims=False drops the summed axes: x of shape (2, 3, 4) summed over axis 1
    gives (2, 4). Its gradient then needs the axis back, with size 1: (2, 1, 4).
    """
    ndim = len(x_shape)
    if ndim == 0 or axis is None or keepdims:
        return gy  # a 0-d sum, or the kept axes: gy already lines up with x
    axes = axis if isinstance(axis, tuple) else (axis,)
    shape = list(gy.shape)
    for a in sorted(a % ndim for a in axes):
        shape.insert(a, 1)
    return gy.reshape(shape)


def sum_to(x, shape):
    """The ndarray x summed down to shape: what undoes NumPy broadcasting shape up to x's.

    Broadcasting adds axes in front and stretches axes of size 1, so summing goes over the
    leading axes x has in excess, and over the axes where shape has a 1 (kept, with size 1).
    """
    lead = x.ndim - len(shape)
    lead_axes = tuple(range(lead))
    ones = tuple(lead + i for i, size in enumerate(shape) if size == 1)
    y = x.sum(lead_axes + ones, keepdims=True)
    if lead > 0:
        y = y.squeeze(lead_axes)
    xp = cuda.get_array_module(x)
    return xp.asarray(y)  # a 0-d x sums to a NumPy scalar: keep it an ndarray


def logsumexp(x, axis=1):
    """log(sum(exp(x))) along axis (kept, with size 1), for an ndarray x, without overflow.

    exp(1000) is inf in float64, but log(sum(exp(x))) = m + log(sum(exp(x - m))) for any m;
    with m = the largest element, every exp is at most 1 and the largest is exactly 1.
    """
    m = x.max(axis=axis, keepdims=True)
    xp = cuda.get_array_module(x)
    s = xp.exp(x - m).sum(axis=axis, keepdims=True)
    return m + xp.log(s)


class DownloadError(OSError):
    """A file is not in the cache folder and could not be downloaded (one line says why)."""


def get_cache_dir():
    """The folder of downloaded files: $DEZERO_DATA if set, else the book's ~/.dezero."""
    return os.environ.get("DEZERO_DATA") or os.path.join(os.path.expanduser("~"), ".dezero")


def get_file(url, file_name=None, timeout=5):
    """The path of url's file in the cache folder, downloaded first if it is not there.

    file_name defaults to the last part of url. The download goes to a temporary name and
    is renamed when complete: an interrupted one never looks like a cached file. Without
    a network (or with DEZERO_OFFLINE=1) it raises DownloadError after at most timeout
    seconds of waiting.
    """
    import urllib.error
    import urllib.request

    file_name = file_name or url.rsplit("/", 1)[-1]
    cache_dir = get_cache_dir()
    path = os.path.join(cache_dir, file_name)
    if os.path.exists(path):
        return path
    if os.environ.get("DEZERO_OFFLINE"):
        raise DownloadError(f"{file_name} is not in {cache_dir} and downloads are off "
                            f"(DEZERO_OFFLINE is set)")
    os.makedirs(cache_dir, exist_ok=True)
    partial = path + ".part"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, \
                open(partial, "wb") as out:
            print(f"Downloading {url} to {cache_dir}")  # connected: it is coming
            shutil.copyfileobj(response, out)
    except (urllib.error.URLError, OSError) as error:  # no network, timeout, HTTP error
        if os.path.exists(partial):
            os.remove(partial)
        reason = getattr(error, "reason", None) or error
        raise DownloadError(f"{file_name} is not in {cache_dir} and could not be "
                            f"downloaded ({reason})") from None
    os.replace(partial, path)
    return path


# -- convolution sizes (step 55) ----------------------------------------------------------

def get_conv_outsize(input_size, kernel_size, stride, pad):
    """How many positions a kernel takes along one axis: the input padded with pad on each
    side, the kernel moved by stride while it fits. (H + 2P - KH) // S + 1."""
    raise NotImplementedError('TODO(step 55): write get_conv_outsize(): (input + 2 pad - kernel) // stride + 1')


def pair(x):
    """An int x as (x, x); a pair as it is: kernel_size=3 means a 3 x 3 kernel."""
    raise NotImplementedError('TODO(step 55): write pair(): int -> (x, x); a tuple of two -> itself; anything else ValueError')
