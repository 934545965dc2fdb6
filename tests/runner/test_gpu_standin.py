"""The stand-in GPU (tests/gpu_standin.py) accepts the book's way of writing step 52 and
catches what only a GPU would show.

A dezero written the book's way binds CuPy as `cp`, asks `isinstance(x, np.ndarray)` before
it asks about CuPy's array, and decides at import which arrays a Variable takes: the
stand-in must look like CuPy for each of them. The mistakes below pass on a computer
without a GPU and fail on one; each must fail the step's tests with a message that says so.
"""

import re

import numpy as np
import pytest

from tests import gpu_standin
from tests.runner.mutants import first_failure, mutant, run_tests

# dezero/cuda.py the book's way (for this test; the kata's reference is solutions/step52)
BOOK_STYLE_CUDA = '''"""dezero.cuda the book's way: CuPy as cp, ndarray asked about first."""
import numpy as np

gpu_enable = True
try:
    import cupy as cp
    cupy = cp
except ImportError:
    gpu_enable = False
    cupy = None  # the kata's DataLoader looks for it

MISSING = "CuPy could not be imported: install CuPy to use a GPU"


def array_types():
    return (np.ndarray, cp.ndarray) if gpu_enable else (np.ndarray,)


def _data(x):
    from dezero import Variable
    return x.data if isinstance(x, Variable) else x


def get_array_module(x):
    x = _data(x)
    if not gpu_enable:
        return np
    return cp.get_array_module(x)


def as_numpy(x):
    x = _data(x)
    if np.isscalar(x):
        return np.array(x)
    elif isinstance(x, np.ndarray):
        return x
    return cp.asnumpy(x)


def as_cupy(x):
    x = _data(x)
    if not gpu_enable:
        raise Exception(MISSING)
    return cp.asarray(x)
'''
# Variable's array types decided once, when core is imported (the book's core.py does so)
TYPES_AT_IMPORT = [
    ("from dezero import cuda  # the array module of the data: NumPy's, or CuPy's on a GPU\n",
     "from dezero import cuda  # the array module of the data: NumPy's, or CuPy's on a GPU\n"
     "\ntry:\n    import cupy\n    ARRAY_TYPES = (np.ndarray, cupy.ndarray)\n"
     "except ImportError:\n    ARRAY_TYPES = (np.ndarray,)\n"),
    ("isinstance(data, cuda.array_types())", "isinstance(data, ARRAY_TYPES)"),
]
# More of the book's ways: NumPy's arange as an index (CuPy copies it over), and
# cupyx.scatter_add on the GPU (the way of CuPy 8 to 12; the book's cupy.scatter_add is gone)
BOOK_STYLE_FUNCTIONS = [
    ("        log_p = log_p[xp.arange(N), t.ravel()]",
     "        log_p = log_p[np.arange(N), t.ravel()]"),
    ("        xp.add.at(gx, self.slices, gy)\n",
     "        if xp is np:\n            np.add.at(gx, self.slices, gy)\n        else:\n"
     "            import cupyx\n            cupyx.scatter_add(gx, self.slices, gy)\n"),
]
GPU_TESTS = ["tests/step52",
             "tests/step53/test_weights.py::test_weights_on_the_gpu_are_saved_as_numpy_arrays",
             "tests/step54/test_dropout.py::test_dropout_on_the_gpu_draws_its_mask_there"]


def passed(out: str) -> int:
    """How many tests passed, when none failed (else the output, to read, fails the test)."""
    assert not re.search(r"\d+ (failed|error)", out), out
    found = re.findall(r"^(\d+) passed", out, re.MULTILINE)  # pytest's last line
    assert found, out
    return int(found[-1])


def test_the_book_way_of_writing_step_52_passes_the_gpu_tests(tmp_path):
    folder = mutant(tmp_path, 54, "dezero/core.py", *TYPES_AT_IMPORT)
    mutant(tmp_path, 54, "dezero/functions.py", *BOOK_STYLE_FUNCTIONS)
    (folder / "dezero" / "cuda.py").write_text(BOOK_STYLE_CUDA, encoding="utf-8")
    assert passed(run_tests(folder, 54, *GPU_TESTS)) >= 40


def test_step_6s_exp_test_keeps_the_output_a_backward_may_read(tmp_path):
    folder = mutant(tmp_path, 17, "dezero.py", (
        "        x = self.inputs[0].data\n        return np.exp(x) * gy\n",
        "        y = self.outputs[0]()  # e ** x, as forward made it\n"
        "        return y.data * gy\n"))
    assert passed(run_tests(folder, 17, "tests/step06/test_manual_backprop.py")) == 5


SEQ_BATCH = "        batch = [self.dataset[i] for i in indexes]\n"  # SeqDataLoader's line
# (step, file, edit, tests, the phrase the first failure must say)
MISTAKES = {
    "np.zeros for a dropped output": (
        52, "dezero/core.py",
        ("                grads.append(Variable(xp.zeros(shape, dtype)))",
         "                grads.append(Variable(np.zeros(shape, dtype)))"),
        "tests/step52/test_on_device.py", "make them with xp.zeros"),
    "DataLoader(gpu=True) stacks with None": (
        52, "dezero/dataloaders.py",
        ("        if xp is None:\n            raise RuntimeError(cuda.MISSING)\n", ""),
        "tests/step52/test_to_gpu.py", "should say that CuPy is missing, in one line"),
    "SeqDataLoader ignores gpu": (
        60, "dezero/dataloaders.py",
        (SEQ_BATCH + "        xp = cuda.cupy if self.gpu else np\n        if xp is None:\n"
         "            raise RuntimeError(cuda.MISSING)\n",
         SEQ_BATCH + "        xp = np\n"),
        "tests/step60/test_seq_dataloader_gpu.py", "should stack each batch with cupy"),
    "SeqDataLoader(gpu=True) stacks with None": (
        60, "dezero/dataloaders.py",
        (SEQ_BATCH + "        xp = cuda.cupy if self.gpu else np\n        if xp is None:\n"
         "            raise RuntimeError(cuda.MISSING)\n",
         SEQ_BATCH + "        xp = cuda.cupy if self.gpu else np\n"),
        "tests/step60/test_seq_dataloader_gpu.py", "should say that CuPy is missing, in one line"),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_a_mistake_only_a_gpu_shows_is_named(tmp_path, mistake):
    step, name, edit, tests, phrase = MISTAKES[mistake]
    out = run_tests(mutant(tmp_path, step, name, edit), step, tests)
    assert phrase in first_failure(out), out


def test_the_stand_in_array_is_not_an_ndarray_and_numpy_refuses_it(tmp_path):
    x = gpu_standin.to_device(np.arange(3.0))
    assert not isinstance(x, np.ndarray)
    assert isinstance(x, gpu_standin.FAKE_CUPY.ndarray)
    for convert in (np.asarray, np.exp, lambda x: x + np.ones(3), lambda x: np.ones(3) * x):
        with pytest.raises(gpu_standin.DeviceMixError):
            convert(x)
    with pytest.raises(gpu_standin.DeviceMixError, match="copy them there first"):
        np.savez_compressed(tmp_path / "weights.npz", x=x)


def test_the_stand_in_array_computes_as_an_ndarray_and_stays_on_the_gpu():
    host = np.array([[1.0, -2.0], [3.0, 4.0]], dtype=np.float32)
    x = gpu_standin.to_device(host)
    cupy = gpu_standin.FAKE_CUPY
    results = {
        "x * 2.0 + 1": (x * 2.0 + 1, host * 2.0 + 1),
        "np.float64(2) * x": (np.float64(2) * x, np.float64(2) * host),
        "1 - x ** 2": (1 - x ** 2, 1 - host ** 2),
        "x @ x.T": (x @ x.T, host @ host.T),
        "x.sum(axis=0)": (x.sum(axis=0), host.sum(axis=0)),
        "x.max()": (x.max(), host.max()),
        "x[np.arange(2), [1, 0]]": (x[np.arange(2), [1, 0]], host[np.arange(2), [1, 0]]),
        "x[x > 0]": (x[x > 0], host[host > 0]),
        "cupy.exp(x)": (cupy.exp(x), np.exp(host)),
        "cupy.eye(2)[x.astype(int)]": (cupy.eye(2)[(x > 0).astype(int)],
                                       np.eye(2)[(host > 0).astype(int)]),
    }
    for what, (got, expected) in results.items():
        assert gpu_standin.on_device(got), what
        got = gpu_standin.to_host(got)
        assert type(got) is np.ndarray and got.dtype == np.asarray(expected).dtype, what
        np.testing.assert_allclose(got, expected, err_msg=what)
    y = cupy.zeros_like(x)
    y += x
    cupy.add.at(y, (np.array([0, 0]),), x[0])
    np.testing.assert_allclose(gpu_standin.to_host(y), host + [2 * host[0], [0, 0]])
    assert cupy.get_array_module(x) is cupy and cupy.get_array_module(host) is np
    with pytest.raises(AttributeError, match="CuPy 8"):
        cupy.scatter_add  # noqa: B018 - the attribute is the test
