"""Step 52: to_gpu() and to_cpu() on Variable, Layer (and so Model) and DataLoader."""

import numpy as np
import pytest

from kata import checks
from tests.gpu_standin import fails_naming_cupy, on_device, to_host


def test_variable_to_gpu_and_back(dezero_gpu):
    data = np.array([1.5, -2.0, 3.25])
    x = dezero_gpu.Variable(data)
    x.to_gpu()
    checks.is_true(on_device(x.data), f"after x.to_gpu(), x.data should be a CuPy array "
                   f"(cuda.as_cupy); got {type(x.data).__name__}")
    x.to_cpu()
    checks.is_true(type(x.data) is np.ndarray, f"after x.to_cpu(), x.data should be a NumPy "
                   f"ndarray (cuda.as_numpy); got {type(x.data).__name__}")
    checks.close(x.data, data, "x.data after to_gpu() and to_cpu()")


def test_a_variable_without_data_moves_without_error(dezero_gpu):
    x = dezero_gpu.Variable(None)
    x.to_gpu()
    x.to_cpu()
    checks.is_true(x.data is None, "Variable(None).to_gpu() should leave data None (a lazy "
                   "weight has nothing to move yet)")


def test_a_model_moves_every_parameter_of_every_layer(dezero_gpu):
    np.random.seed(0)
    model = dezero_gpu.models.MLP((4, 3, 2))
    model(np.ones((1, 5), dtype=np.float32))  # the lazy weights now exist
    model.to_gpu()
    params = list(model.params())
    checks.equal(len(params), 6, "parameters of MLP((4, 3, 2))")
    left = [p.name for p in params if not on_device(p.data)]
    checks.is_true(not left, f"after model.to_gpu(), every parameter should be on the GPU; "
                   f"still on the CPU: {left} (Layer.to_gpu: to_gpu() on each of params(), "
                   f"which looks into the layers inside)")
    model.to_cpu()
    left = [p.name for p in model.params() if type(p.data) is not np.ndarray]
    checks.is_true(not left, f"after model.to_cpu(), every parameter should be an ndarray; "
                   f"not yet: {left}")


def test_a_lazy_weight_is_made_on_the_device_of_its_first_input(dezero_gpu):
    np.random.seed(0)
    layer = dezero_gpu.layers.Linear(3)
    layer.to_gpu()  # W is still None: only b moves
    x = dezero_gpu.Variable(np.ones((2, 4), dtype=np.float32))
    x.to_gpu()
    y = layer(x)
    checks.is_true(on_device(layer.W.data), "Linear's W, made at the first call on GPU data, "
                   "should be a GPU array: _init_W(xp) with xp = cuda.get_array_module(x)")
    checks.equal(layer.W.data.dtype, np.float32, "W's dtype (float32, as Linear's default)")
    checks.is_true(on_device(y.data), "the output of Linear on the GPU")


def numbers(dezero, size=5):
    class Numbers(dezero.datasets.Dataset):
        def prepare(self):
            self.data = np.arange(size * 2, dtype=np.float32).reshape(size, 2)
            self.label = np.arange(size)

    return Numbers()


def test_dataloader_with_gpu_gives_gpu_batches(dezero_gpu):
    loader = dezero_gpu.DataLoader(numbers(dezero_gpu), batch_size=2, shuffle=False,
                                   gpu=True)
    x, t = next(loader)
    checks.is_true(on_device(x) and on_device(t), f"DataLoader(..., gpu=True) should stack a "
                   f"batch with cupy (cuda.cupy.array); got {type(x).__name__}, "
                   f"{type(t).__name__}")
    checks.close(to_host(x), [[0, 1], [2, 3]], "the first batch's x")
    loader.to_cpu()
    x, _ = next(loader)
    checks.is_true(type(x) is np.ndarray, "after loader.to_cpu(), batches are NumPy arrays")
    loader.to_gpu()
    x, _ = next(loader)
    checks.is_true(on_device(x), "after loader.to_gpu(), batches are GPU arrays again")


def test_dataloader_defaults_to_the_cpu(dezero_gpu):
    loader = dezero_gpu.DataLoader(numbers(dezero_gpu), batch_size=2, shuffle=False)
    checks.equal(loader.gpu, False, "DataLoader(...).gpu by default (the book's gpu=False)")
    x, _ = next(loader)
    checks.is_true(type(x) is np.ndarray, "batches of a DataLoader without gpu=True")


def test_to_gpu_without_cupy_fails_in_one_line(dezero_no_cupy):
    x = dezero_no_cupy.Variable(np.ones(2))
    with pytest.raises(Exception) as error:  # noqa: B017 - any kind, as long as it says why
        x.to_gpu()
    said = str(error.value)
    checks.is_true(not isinstance(error.value, NotImplementedError) and "cupy" in said.lower(),
                   f"x.to_gpu() without CuPy should say that CuPy is missing (cuda.as_cupy "
                   f"does); got {type(error.value).__name__}: {said}")
    checks.is_true(type(x.data) is np.ndarray, "a failed to_gpu() leaves the data as it was")


def test_dataloader_with_gpu_without_cupy_fails_in_one_line(dezero_no_cupy):
    def first_batch():
        next(dezero_no_cupy.DataLoader(numbers(dezero_no_cupy), batch_size=2, gpu=True))

    fails_naming_cupy(first_batch, "the first batch of DataLoader(..., gpu=True)")
