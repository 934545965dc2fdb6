"""Step 51: F.relu, the IDX reader behind dezero.datasets.MNIST, and MNIST offline.

No test touches the network: DEZERO_OFFLINE=1 turns downloads off, and DEZERO_DATA points
the cache at a folder the test owns. The IDX files are written here, byte by byte.
"""

import gzip
import struct

import numpy as np
import pytest

from kata import checks

GUIDE = "steps/step51/README.md"


@pytest.fixture
def offline(tmp_path, monkeypatch):
    """An empty cache folder and no downloads: what a learner without a network has."""
    monkeypatch.setenv("DEZERO_DATA", str(tmp_path / "cache"))
    monkeypatch.setenv("DEZERO_OFFLINE", "1")
    return tmp_path / "cache"


def idx_bytes(array: np.ndarray) -> bytes:
    """array as an IDX file: 00 00, the type code, ndim, one big-endian uint32 a side."""
    code = {np.dtype(np.uint8): 0x08, np.dtype(np.float32): 0x0D}[array.dtype]
    header = bytes([0, 0, code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


def write_gz(path, raw: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(raw))
    return path


def images(n: int) -> np.ndarray:
    return checks.seeded().integers(0, 256, size=(n, 28, 28)).astype(np.uint8)


# -- F.relu ------------------------------------------------------------------------------------

def test_relu_is_x_where_positive_and_0_elsewhere(dezero):
    F = dezero.functions
    x = np.array([[-2.0, -0.5, 0.0], [0.5, 1.0, 3.0]], dtype=np.float32)
    y = F.relu(dezero.Variable(x))
    checks.close(y.data, np.maximum(x, 0), "F.relu(x) for x = [[-2, -0.5, 0], [0.5, 1, 3]]")
    checks.equal(y.data.dtype, np.float32, "the dtype of F.relu(x) for a float32 x (NumPy 2: "
                 "np.maximum(x, 0.0) keeps it)")


def test_relus_grad_lets_gy_through_where_x_was_positive(dezero):
    F = dezero.functions
    x = dezero.Variable(np.array([-1.5, -0.2, 0.3, 2.0]))
    y = F.relu(x) * np.array([1.0, 2.0, 3.0, 4.0])
    y.backward(retain_grad=True)
    checks.close(x.grad.data, np.array([0.0, 0.0, 3.0, 4.0]),
                 "x.grad after (relu(x) * [1, 2, 3, 4]).backward() with x = [-1.5, -0.2, 0.3, 2]: "
                 "gy where x > 0, 0 elsewhere")


# -- the IDX reader ----------------------------------------------------------------------------

def test_load_idx_reads_what_was_written(dezero, tmp_path):
    data = images(3)
    path = write_gz(tmp_path / "x-idx3-ubyte.gz", idx_bytes(data))
    got = dezero.datasets.load_idx(str(path))
    checks.equal(got.shape, (3, 28, 28), "the shape load_idx reads from an IDX header of "
                 "3 x 28 x 28")
    checks.equal(got, data, "the pixels load_idx reads back from an IDX file")


def test_load_idx_reads_big_endian_floats(dezero, tmp_path):
    data = np.array([[1.5, -2.25], [3.0, 0.125]], dtype=np.float32)
    path = write_gz(tmp_path / "f.gz", idx_bytes(data))
    checks.close(dezero.datasets.load_idx(str(path)), data, "load_idx of an IDX file of "
                 "float32 (type code 0x0D, big-endian): the numbers, not their bytes swapped")


BODY = struct.pack(">I", 4) + bytes(4)  # one dimension of 4, and its 4 bytes of uint8


@pytest.mark.parametrize("case, raw", [
    ("a text file", b"<html>not found</html>"),
    ("a wrong type code", bytes([0, 0, 0x42, 1]) + BODY),
    ("a first magic byte 01 (01 00 08 01)", bytes([1, 0, 8, 1]) + BODY),
    ("a second magic byte 01 (00 01 08 01)", bytes([0, 1, 8, 1]) + BODY),
    ("3 bytes (00 00 08)", bytes([0, 0, 8])),
])
def test_load_idx_refuses_what_is_not_idx(dezero, tmp_path, case, raw):
    path = write_gz(tmp_path / "bad.gz", raw)
    checks.raises(dezero.datasets.IDXError, lambda: dezero.datasets.load_idx(str(path)),
                  f"load_idx of {case} (check the magic: 00 00, a known type code, ndim)")


def test_load_idx_refuses_a_truncated_file(dezero, tmp_path):
    raw = idx_bytes(images(2))
    path = write_gz(tmp_path / "cut.gz", raw[:-100])
    checks.raises(dezero.datasets.IDXError, lambda: dezero.datasets.load_idx(str(path)),
                  "load_idx of an IDX file 100 bytes shorter than its header announces "
                  "(a download cut short must not become a smaller data set)")


@pytest.mark.parametrize("case, cut", [
    ("an IDX file cut inside its header (3 dimensions announced, 1 size given)", 12),
    ("an IDX file with 1 byte more than its header announces", None),
])
def test_load_idx_refuses_a_header_cut_short_or_data_too_long(dezero, tmp_path, case, cut):
    raw = idx_bytes(images(2))
    raw = raw[:cut] if cut else raw + b"\x00"
    path = write_gz(tmp_path / "odd.gz", raw)
    checks.raises(dezero.datasets.IDXError, lambda: dezero.datasets.load_idx(str(path)),
                  f"load_idx of {case}: the data must be exactly what the header announces")


# -- MNIST -------------------------------------------------------------------------------------

def test_mnist_reads_the_files_in_the_cache_folder(dezero, offline):
    data, label = images(5), np.arange(5, dtype=np.uint8)
    write_gz(offline / "t10k-images-idx3-ubyte.gz", idx_bytes(data))
    write_gz(offline / "t10k-labels-idx1-ubyte.gz", idx_bytes(label))
    test_set = dezero.datasets.MNIST(train=False)
    checks.equal(len(test_set), 5, "len(MNIST(train=False)) with 5 images in $DEZERO_DATA")
    x, t = test_set[3]
    checks.equal(x.shape, (784,), "the shape of an MNIST image after the default transform "
                 "(flattened)")
    checks.equal(x.dtype, np.float32, "the dtype of an MNIST image after the default "
                 "transform")
    checks.close(x, data[3].reshape(-1) / np.float32(255), "MNIST's image 3: pixels / 255")
    checks.equal(int(t), 3, "MNIST's label 3")


def test_mnist_offline_uses_the_shipped_sample_and_says_so(dezero, offline, capsys):
    test_set = dezero.datasets.MNIST(train=False)
    said = capsys.readouterr().out.strip().splitlines()
    checks.equal(len(test_set), 1000, "len(MNIST(train=False)) offline: the shipped sample's "
                 "1000 test images (kata/data/fashion-mnist)")
    checks.equal(len(said), 1, f"lines MNIST printed offline (one line that says the sample "
                 f"is used and where the real files go): {said}")
    checks.is_true("sample" in said[0] and str(offline) in said[0],
                   f"MNIST's line offline should name the sample and the cache folder "
                   f"{offline}; it said: {said[0]!r}")


def test_a_corrupt_cached_file_gives_one_clear_error(dezero, offline):
    write_gz(offline / "t10k-images-idx3-ubyte.gz", idx_bytes(images(4))[:-10])
    write_gz(offline / "t10k-labels-idx1-ubyte.gz", idx_bytes(np.arange(4, dtype=np.uint8)))
    checks.raises(dezero.datasets.IDXError, lambda: dezero.datasets.MNIST(train=False),
                  "MNIST(train=False) with a truncated image file in the cache (see "
                  f"{GUIDE})")


# -- get_file, with urllib's urlopen faked (never the network) ------------------------------

class FakeResponse:
    """What urlopen returns: a file-like body; `fail_after` bytes, then the connection drops."""

    def __init__(self, body: bytes, fail_after: int | None = None):
        self.body, self.fail_after, self.sent = body, fail_after, 0

    def read(self, size=-1):
        if self.fail_after is not None and self.sent >= self.fail_after:
            raise OSError("connection reset by peer")
        size = len(self.body) if size is None or size < 0 else size
        chunk = self.body[self.sent:self.sent + min(size, self.fail_after or size)]
        self.sent += len(chunk)
        return chunk

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.fixture
def fake_network(tmp_path, monkeypatch):
    """urlopen answers with the given response; the cache is a folder the test owns."""
    import urllib.request

    monkeypatch.setenv("DEZERO_DATA", str(tmp_path / "cache"))
    monkeypatch.delenv("DEZERO_OFFLINE", raising=False)

    def answer_with(response):
        monkeypatch.setattr(urllib.request, "urlopen", lambda url, timeout=None: response)
        return tmp_path / "cache"
    return answer_with


@pytest.mark.passes_on_skeleton("get_file is given code: the test guards its downloads")
def test_a_download_lands_in_the_cache_whole(dezero, fake_network, capsys):
    cache = fake_network(FakeResponse(b"x" * 100_000))
    path = dezero.utils.get_file("https://example.org/data/train.gz")
    checks.equal(path, str(cache / "train.gz"), "get_file(url)'s path: the cache folder and "
                 "the url's last part")
    checks.equal((cache / "train.gz").read_bytes(), b"x" * 100_000, "the downloaded file")
    checks.equal(sorted(p.name for p in cache.iterdir()), ["train.gz"], "files in the cache "
                 "after a download (the temporary .part renamed)")
    checks.is_true("Downloading https://example.org/data/train.gz" in capsys.readouterr().out,
                   "get_file should say what it downloads")


@pytest.mark.passes_on_skeleton("get_file is given code: the test guards its downloads")
def test_an_interrupted_download_leaves_nothing_behind(dezero, fake_network):
    cache = fake_network(FakeResponse(b"x" * 100_000, fail_after=30_000))
    with pytest.raises(dezero.utils.DownloadError) as raised:
        dezero.utils.get_file("https://example.org/data/train.gz")
    message = str(raised.value)
    checks.is_true("train.gz" in message and "connection reset" in message
                   and "\n" not in message, f"the error of an interrupted download should "
                   f"name the file and the cause in one line; it said: {message}")
    checks.equal(sorted(p.name for p in cache.iterdir()), [], "files in the cache after an "
                 "interrupted download (neither the file nor its .part)")
