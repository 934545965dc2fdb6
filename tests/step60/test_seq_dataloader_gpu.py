"""Step 60: SeqDataLoader(..., gpu=True) stacks its batches with CuPy, as DataLoader does
(step 52): checked with the stand-in GPU (tests/gpu_standin.py), and without CuPy."""

import numpy as np

from kata import checks
from tests.gpu_standin import fails_naming_cupy, on_device, on_fake_gpu, to_host, without_cupy


def series(dezero, n=6):
    """A dataset whose example k is (k, 100 + k)."""

    class Series(dezero.Dataset):
        def prepare(self):
            self.data = np.arange(n, dtype=np.float32).reshape(n, 1)
            self.label = self.data + 100

    return Series()


def test_with_gpu_the_batches_are_gpu_arrays(dezero, monkeypatch):
    dezero = on_fake_gpu(dezero, monkeypatch)
    loader = dezero.SeqDataLoader(series(dezero), batch_size=2, gpu=True)
    x, t = next(loader)
    checks.is_true(on_device(x) and on_device(t), f"SeqDataLoader(..., gpu=True) should stack "
                   f"each batch with cupy, as DataLoader does (xp = cuda.cupy when self.gpu); "
                   f"got {type(x).__name__}, {type(t).__name__}")
    checks.close(to_host(x)[:, 0], [0, 3], "the first batch's x on the GPU (examples 0 and 3)")
    checks.close(to_host(t)[:, 0], [100, 103], "the first batch's t on the GPU")
    loader.to_cpu()
    x, _ = next(loader)
    checks.is_true(type(x) is np.ndarray, f"after loader.to_cpu(), a SeqDataLoader's batches "
                   f"should be NumPy arrays; got {type(x).__name__}")
    checks.close(x[:, 0], [1, 4], "the second batch's x, on the CPU")


def test_without_gpu_the_batches_are_numpy_arrays(dezero, monkeypatch):
    dezero = on_fake_gpu(dezero, monkeypatch)  # CuPy there, but not asked for
    x, _ = next(dezero.SeqDataLoader(series(dezero), batch_size=2))
    checks.is_true(type(x) is np.ndarray, f"SeqDataLoader(...) without gpu=True, on a computer "
                   f"with CuPy: batches should be NumPy arrays; got {type(x).__name__}")


def test_with_gpu_without_cupy_fails_in_one_line(dezero, monkeypatch):
    dezero = without_cupy(dezero, monkeypatch)
    loader = dezero.SeqDataLoader(series(dezero), batch_size=2, gpu=True)
    fails_naming_cupy(lambda: next(loader), "the first batch of SeqDataLoader(..., gpu=True)")
