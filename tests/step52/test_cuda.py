"""Step 52: dezero.cuda (gpu_enable, get_array_module, as_numpy, as_cupy), checked with the
package as imported on this computer, without CuPy, and with a stand-in CuPy
(tests/gpu_standin.py)."""

import importlib.util

import numpy as np
import pytest

from kata import checks
from tests.gpu_standin import FAKE_CUPY, on_device, to_device, to_host


@pytest.mark.passes_on_skeleton("gpu_enable is given: the test guards it against edits")
def test_gpu_enable_says_whether_cupy_can_be_imported(dezero):
    has_cupy = importlib.util.find_spec("cupy") is not None
    checks.instance(dezero.cuda.gpu_enable, bool, "dezero.cuda.gpu_enable")
    checks.equal(dezero.cuda.gpu_enable, has_cupy, "dezero.cuda.gpu_enable (True exactly when "
                 "`import cupy` works: try it, and catch the ImportError)")


def test_without_cupy_every_array_belongs_to_numpy(dezero_no_cupy):
    dezero = dezero_no_cupy
    checks.equal(dezero.cuda.gpu_enable, False, "dezero.cuda.gpu_enable where `import cupy` "
                 "fails")
    x = np.arange(3.0)
    checks.is_true(dezero.cuda.get_array_module(x) is np, "cuda.get_array_module(ndarray) "
                   "without CuPy should be the numpy module")
    checks.is_true(dezero.cuda.get_array_module(dezero.Variable(x)) is np,
                   "cuda.get_array_module(Variable) without CuPy should be the numpy module "
                   "(a Variable counts as the array it holds)")


def test_get_array_module_asks_cupy_about_the_data(dezero_gpu):
    dezero = dezero_gpu
    checks.equal(dezero.cuda.gpu_enable, True, "dezero.cuda.gpu_enable where `import cupy` "
                 "works")
    on_gpu = to_device(np.arange(3.0))
    checks.is_true(dezero.cuda.get_array_module(on_gpu) is FAKE_CUPY, "cuda.get_array_module"
                   "(a GPU array) should be the cupy module (cupy.get_array_module says which)")
    checks.is_true(dezero.cuda.get_array_module(dezero.Variable(on_gpu)) is FAKE_CUPY,
                   "cuda.get_array_module(a Variable holding a GPU array) should be cupy: "
                   "look at x.data when x is a Variable")
    checks.is_true(dezero.cuda.get_array_module(np.arange(3.0)) is np,
                   "cuda.get_array_module(a NumPy array), with CuPy there, should be numpy")


def test_as_cupy_and_as_numpy_move_the_data(dezero_gpu):
    dezero = dezero_gpu
    x = np.array([[1.0, 2.0], [3.0, -4.0]], dtype=np.float32)
    on_gpu = dezero.cuda.as_cupy(x)
    checks.is_true(on_device(on_gpu), f"cuda.as_cupy(ndarray) should give a CuPy array "
                   f"(cupy.asarray); got {type(on_gpu).__name__}")
    back = dezero.cuda.as_numpy(on_gpu)
    checks.is_true(type(back) is np.ndarray, f"cuda.as_numpy(a GPU array) should give a NumPy "
                   f"ndarray (cupy.asnumpy); got {type(back).__name__}")
    checks.close(back, x, "cuda.as_numpy(cuda.as_cupy(x))")
    checks.equal(back.dtype, np.float32, "the dtype after the round trip")
    checks.is_true(type(dezero.cuda.as_numpy(dezero.Variable(on_gpu))) is np.ndarray,
                   "cuda.as_numpy(a Variable on the GPU) should give its data as an ndarray")
    again = dezero.cuda.as_cupy(dezero.Variable(on_gpu))
    checks.is_true(on_device(again), "cuda.as_cupy(a Variable on the GPU) should give its data")
    checks.close(to_host(again), x, "cuda.as_cupy(a Variable on the GPU)")


@pytest.mark.parametrize("computer", ["dezero_no_cupy", "dezero_gpu"])
def test_as_numpy_of_a_scalar_and_of_an_ndarray(request, computer):
    dezero = request.getfixturevalue(computer)
    scalar = dezero.cuda.as_numpy(3.0)
    checks.is_true(isinstance(scalar, np.ndarray) and scalar.ndim == 0,
                   f"cuda.as_numpy(3.0) should be a 0-d ndarray; got {scalar!r}")
    x = np.arange(4)
    checks.is_true(dezero.cuda.as_numpy(x) is x, "cuda.as_numpy(ndarray) should give the same "
                   "array back (nothing to copy)")


def test_as_cupy_without_cupy_says_so_in_one_line(dezero_no_cupy):
    def move():
        dezero_no_cupy.cuda.as_cupy(np.zeros(2))

    checks.raises(Exception, move, "cuda.as_cupy without CuPy (raise, saying CuPy is missing)")
    try:
        move()
    except Exception as error:  # noqa: BLE001 - any kind, as long as it says why
        text = str(error)
        checks.is_true("cupy" in text.lower() and "\n" not in text.strip(), f"the error of "
                       f"cuda.as_cupy without CuPy should name CuPy, in one line; got {text!r}")
