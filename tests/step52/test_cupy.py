"""Step 52 on a real GPU: the same checks with CuPy itself. Skipped, with one line, on a
computer without CuPy or without a GPU (most learners': the stand-in tests cover them)."""

import numpy as np
import pytest

from kata import checks
from tests.step52.test_on_device import FUNCTIONS, LABELS, OPTIMIZERS, X, run, train


@pytest.fixture
def cupy(dezero):
    cupy = checks.optional("cupy", "step 52's tests on a real GPU (the stand-in GPU's ran)")
    try:
        devices = cupy.cuda.runtime.getDeviceCount()
    except Exception as error:  # noqa: BLE001 - CuPy without a working CUDA: any kind
        devices, why = 0, f" ({type(error).__name__})"
    else:
        why = ""
    if devices == 0:
        checks.skip_optional(f"CuPy found no GPU{why}, so step 52's tests on a real GPU are "
                             f"skipped")
    checks.is_true(dezero.cuda.gpu_enable, "dezero.cuda.gpu_enable is False although CuPy "
                   "imports here")
    return cupy


def test_get_array_module_of_cupy_data(dezero, cupy):
    on_gpu = cupy.arange(3.0)
    checks.is_true(dezero.cuda.get_array_module(on_gpu) is cupy, "get_array_module(cupy "
                   "array) should be cupy")
    checks.is_true(dezero.cuda.get_array_module(np.arange(3.0)) is np, "get_array_module"
                   "(ndarray) should be numpy")
    back = dezero.cuda.as_numpy(dezero.cuda.as_cupy(np.arange(3.0)))
    checks.is_true(type(back) is np.ndarray, "as_numpy(as_cupy(x)) should be an ndarray")


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_a_function_on_cupy(dezero, cupy, name):
    f = FUNCTIONS[name]
    y_cpu, gx_cpu = run(dezero, f, X, LABELS)
    y, gx = run(dezero, f, cupy.asarray(X), cupy.asarray(LABELS))
    checks.is_true(isinstance(y, cupy.ndarray) and isinstance(gx, cupy.ndarray),
                   f"{name} and its gradient on CuPy data should be CuPy arrays")
    checks.close(cupy.asnumpy(y), y_cpu, f"{name} on CuPy, against NumPy", rtol=1e-5)
    checks.close(cupy.asnumpy(gx), gx_cpu, f"the gradient of {name} on CuPy", rtol=1e-5)


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_an_optimizer_on_cupy(dezero, cupy, name):
    cpu_losses, _ = train(dezero, name, on_gpu=False)
    losses, model = train(dezero, name, on_gpu=True, move=cupy.asarray)
    checks.is_true(all(isinstance(p.data, cupy.ndarray) for p in model.params()),
                   f"{name}'s parameters should stay on the GPU")
    checks.close(losses, cpu_losses, f"{name}'s losses on CuPy, against NumPy", rtol=1e-5)


def test_dataloader_on_cupy(dezero, cupy):
    from tests.step52.test_to_gpu import numbers

    x, t = next(dezero.DataLoader(numbers(dezero), batch_size=2, shuffle=False, gpu=True))
    checks.is_true(isinstance(x, cupy.ndarray) and isinstance(t, cupy.ndarray),
                   "DataLoader(gpu=True)'s batches should be CuPy arrays")
