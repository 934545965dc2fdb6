"""Data sets for the book's examples: `dezero.datasets.MNIST(train=True)` (step 51),
`dezero.datasets.Spiral(train=True)` (step 49), the plain arrays of
`x, t = dezero.datasets.get_spiral(train=True)` (step 48)."""

import ast  # ImageNet's labels file, a dict literal
import gzip
import os
import struct
import zlib

import numpy as np

from dezero import utils
from dezero.transforms import Compose, Flatten, Normalize, ToFloat


def get_spiral(train=True):
    """Three spiral arms in the plane, 100 points each, shuffled: (x, t).

    x has shape (300, 2), float32: the points. t has shape (300,): each point's arm, 0, 1
    or 2 (int64: the book's np.int is gone from NumPy 2). Point i of arm j lies at radius
    i / 100 and angle 4j + 4i / 100, plus noise.
    The global NumPy seed is set (1984 for the training data, 2020 for the test data), as
    the book does: the data, and the random numbers drawn after it, are the book's.
    """
    np.random.seed(seed=1984 if train else 2020)
    num_data, num_class, input_dim = 100, 3, 2
    data_size = num_class * num_data
    x = np.zeros((data_size, input_dim), dtype=np.float32)
    t = np.zeros(data_size, dtype=np.int64)
    for j in range(num_class):
        for i in range(num_data):
            rate = i / num_data
            radius = 1.0 * rate
            theta = j * 4.0 + 4.0 * rate + np.random.randn() * 0.2  # one draw per point
            index = num_data * j + i
            x[index] = radius * np.sin(theta), radius * np.cos(theta)
            t[index] = j
    indices = np.random.permutation(data_size)  # the arms mixed: batches see every class
    return x[indices], t[indices]


class Dataset:
    """A data set: `dataset[i]` is the pair (x, t) of example i, `len(dataset)` its size.

    A subclass fills self.data (and self.label, or leaves it None for data without labels)
    in prepare(). transform is applied to each x as it is taken out, target_transform to
    each t: the stored data stay as they are (step 49's preprocessing).
    """

    def __init__(self, train=True, transform=None, target_transform=None):
        self.train = train
        self.transform = transform if transform is not None else _identity
        self.target_transform = (target_transform if target_transform is not None
                                 else _identity)
        self.data = None
        self.label = None
        self.prepare()

    def __getitem__(self, index):
        """Example index, transformed: (x, t), or (x, None) when there are no labels."""
        if not np.isscalar(index):  # a batch is [dataset[i] for i in batch_index]
            raise TypeError(f"{type(self).__name__}[index] takes one integer index, got "
                            f"{type(index).__name__}; for a batch use "
                            f"[dataset[i] for i in batch_index]")
        x = self.transform(self.data[index])
        if self.label is None:
            return x, None
        return x, self.target_transform(self.label[index])

    def __len__(self):
        return len(self.data)

    def prepare(self):
        """Fill self.data and self.label: each data set does it its own way."""


def _identity(x):
    return x


class Spiral(Dataset):
    """The spiral of step 48 as a Dataset: 300 points (x of shape (2,)), labels 0, 1, 2."""

    def prepare(self):
        self.data, self.label = get_spiral(self.train)


# IDX (the format of MNIST's files): two zero bytes, a type code, the number of dimensions,
# one big-endian uint32 per dimension, then the values in C order, big-endian.
IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


class IDXError(ValueError):
    """A file that is not a complete IDX file (gzip'd or not); the message says why."""


def load_idx(path):
    """The array stored in the IDX file at path (.gz files are decompressed).

    Raises IDXError, with the file's name, for a file that is not gzip or IDX, or whose
    data are fewer or more than its header announces (a truncated download).
    """
    with open(path, "rb") as f:
        raw = f.read()
    if str(path).endswith(".gz"):
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as error:  # not gzip, or cut short
            raise IDXError(f"{path}: not a complete gzip file ({error}); delete it and "
                           f"download it again") from None
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in IDX_TYPES:
        raise IDXError(f"{path}: not an IDX file (it starts with {raw[:4].hex(' ')!r}, "
                       f"an IDX file with 00 00, a type code and the number of dimensions)")
    dtype, ndim = np.dtype(IDX_TYPES[raw[2]]), raw[3]
    header_size = 4 + 4 * ndim
    if len(raw) < header_size:
        raise IDXError(f"{path}: truncated in its header ({len(raw)} bytes, the header of "
                       f"{ndim} dimensions takes {header_size})")
    shape = struct.unpack(f">{ndim}I", raw[4:header_size])
    expected = int(np.prod(shape)) * dtype.itemsize
    found = len(raw) - header_size
    if found != expected:
        raise IDXError(f"{path}: {'truncated' if found < expected else 'too long'}: its "
                       f"header announces shape {shape}, {expected} bytes of data, and it "
                       f"holds {found}")
    data = np.frombuffer(raw, dtype, offset=header_size).reshape(shape)
    return data.astype(dtype.newbyteorder("="))  # native order, and writeable


SAMPLE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir,
                          os.pardir, "kata", "data", "fashion-mnist")


class MNIST(Dataset):
    """The MNIST digits: x an image (1, 28, 28) of uint8 pixels, t its digit (uint8).

    The default transform gives each image as a flat float32 vector in [0, 1]. The four
    files are looked for in the cache folder (utils.get_cache_dir(): $DEZERO_DATA or
    ~/.dezero) and downloaded there when absent. Without them and without a network, the
    kata's offline sample (Fashion-MNIST images, same format) is used, and one line says so.
    """

    url = "https://ossci-datasets.s3.amazonaws.com/mnist/"  # a mirror of yann.lecun.com's
    files = {
        True: ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
        False: ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
    }

    # The book's default: one Compose shared by all calls, safe as transforms keep no state
    def __init__(self, train=True,
                 transform=Compose([Flatten(), ToFloat(), Normalize(0.0, 255.0)]),  # noqa: B008
                 target_transform=None):
        super().__init__(train, transform, target_transform)

    def prepare(self):
        data_name, label_name = self.files[self.train]
        try:
            data_path = utils.get_file(self.url + data_name)
            label_path = utils.get_file(self.url + label_name)
        except utils.DownloadError as error:
            data_path = os.path.join(SAMPLE_DIR, data_name)
            label_path = os.path.join(SAMPLE_DIR, label_name)
            if not os.path.exists(data_path):
                raise
            self.data, self.label = self._load_data(data_path), self._load_label(label_path)
            part = "training" if self.train else "test"
            print(f"MNIST: {error}; using the offline sample: {len(self.data)} {part} "
                  f"images of Fashion-MNIST (clothes, not digits) from kata/data/"
                  f"fashion-mnist. For the digits, put MNIST's four .gz files in "
                  f"{utils.get_cache_dir()} (or name their folder in DEZERO_DATA).")
            return
        self.data, self.label = self._load_data(data_path), self._load_label(label_path)

    def _load_data(self, filepath):
        """The images of an IDX file as (N, 1, 28, 28) uint8."""
        data = load_idx(filepath)
        if data.ndim != 3 or data.shape[1:] != (28, 28):
            raise IDXError(f"{filepath}: expected images of shape (N, 28, 28), got "
                           f"{data.shape}")
        return data.reshape(-1, 1, 28, 28)

    def _load_label(self, filepath):
        """The labels of an IDX file as (N,) uint8."""
        label = load_idx(filepath)
        if label.ndim != 1:
            raise IDXError(f"{filepath}: expected labels of shape (N,), got {label.shape}")
        return label

    def __len__(self):
        return len(self.data)

    def show(self, row=10, col=10, to_file="mnist.png"):
        """row x col random images side by side, into to_file. Needs matplotlib; without
        it, one line says so."""
        try:
            import matplotlib
        except ImportError:
            print(f"no figure: matplotlib is not installed (.venv/bin/python -m pip "
                  f"install matplotlib to draw {to_file})")
            return None
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        H, W = 28, 28
        image = np.zeros((H * row, W * col))
        for r in range(row):
            for c in range(col):
                i = np.random.randint(0, len(self.data) - 1)
                image[r * H:(r + 1) * H, c * W:(c + 1) * W] = self.data[i].reshape(H, W)
        figure, axes = plt.subplots()
        axes.imshow(image, cmap="gray", interpolation="nearest")
        axes.axis("off")
        figure.savefig(to_file)
        plt.close(figure)
        print(f"wrote {to_file}")
        return to_file

    @staticmethod
    def labels():
        """The name of each class: MNIST's are the digits themselves."""
        return {i: str(i) for i in range(10)}


class ImageNet:
    """The 1000 classes VGG16 was trained on: only their names (the images are not needed
    to use the pretrained network)."""

    LABELS_FILE = "imagenet1000_clsidx_to_labels.txt"  # the file the book downloads

    @staticmethod
    def labels():
        """{class index: name}, read from the labels file in the cache folder
        (utils.get_cache_dir()). Like VGG16's weights it is never downloaded here: when it
        is missing, one line says where to put it."""
        path = os.path.join(utils.get_cache_dir(), ImageNet.LABELS_FILE)
        if not os.path.exists(path):
            raise FileNotFoundError(
                f"ImageNet.labels() reads the class names from {path}, which does not "
                f"exist: put the book's {ImageNet.LABELS_FILE} (a dict of the 1000 names) "
                f"there")
        with open(path, encoding="utf-8") as file:
            return ast.literal_eval(file.read())  # a dict literal; never eval() a download
# BEGIN NEW


class SinCurve(Dataset):
    """One period of a sine wave in 1000 points: each point's label is the next point.

    train=True: sin(x) with uniform noise in [-0.05, 0.05] (drawn from np.random, so
    np.random.seed makes it repeatable, as in the book); train=False: cos(x), no noise.
    data and label are (999, 1): the curve without its last point, and without its first.
    """

    def prepare(self):
        # BEGIN SOLUTION: y of 1000 points; data y[:-1], label y[1:], as columns
        x = np.linspace(0, 2 * np.pi, 1000)
        if self.train:
            y = np.sin(x) + np.random.uniform(-0.05, 0.05, size=x.shape)
        else:
            y = np.cos(x)
        self.data = y[:-1, np.newaxis]  # input at time t ...
        self.label = y[1:, np.newaxis]  # ... and the value to predict, at t + 1
        # END SOLUTION
# END NEW
