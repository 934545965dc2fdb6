"""Make the kata's offline MNIST sample from Fashion-MNIST (run once; the output is committed).

    apt-get install dataset-fashion-mnist      # Debian/Ubuntu: the full data set, MIT licence
    python kata/data/fashion-mnist/make_sample.py [SOURCE_FOLDER]

Takes a class-balanced, seeded subset (TRAIN images of the training set, TEST of the test
set) and writes it in MNIST's IDX format, gzip-compressed, under MNIST's file names, next
to this script. The output is byte-for-byte reproducible (fixed seed, gzip mtime 0).
"""

import gzip
import hashlib
import struct
import sys
from pathlib import Path

import numpy as np

SOURCE = Path("/usr/share/datasets/fashion-mnist")
HERE = Path(__file__).resolve().parent
SEED = 0
TRAIN, TEST = 5000, 1000  # images kept; a multiple of the 10 classes
FILES = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}


def read_idx(path):
    """An IDX file as an array: magic (0, 0, 0x08 = uint8, ndim), one big-endian int per dim."""
    data = gzip.decompress(path.read_bytes())
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an IDX file of unsigned bytes")
    shape = struct.unpack(f">{ndim}I", data[4 : 4 + 4 * ndim])
    return np.frombuffer(data, np.uint8, offset=4 + 4 * ndim).reshape(shape)


def write_idx(path, array):
    """Write a uint8 array as gzip'd IDX; mtime=0 and no name in the header: reproducible."""
    header = struct.pack(">HBB", 0, 0x08, array.ndim) + struct.pack(
        f">{array.ndim}I", *array.shape
    )
    with open(path, "wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as out:
        out.write(header + array.astype(np.uint8).tobytes())


def balanced(labels, size, rng):
    """size indices, size // 10 of each class, in the data set's own order."""
    per_class = size // 10
    picks = [rng.choice(np.flatnonzero(labels == c), per_class, replace=False) for c in range(10)]
    return np.sort(np.concatenate(picks))


def main(source=SOURCE):
    rng = np.random.default_rng(SEED)
    for part, size in (("train", TRAIN), ("test", TEST)):
        image_name, label_name = FILES[part]
        images, labels = read_idx(source / image_name), read_idx(source / label_name)
        keep = balanced(labels, size, rng)
        for name, array in ((image_name, images[keep]), (label_name, labels[keep])):
            write_idx(HERE / name, array)
            digest = hashlib.sha256((HERE / name).read_bytes()).hexdigest()[:16]
            print(f"{name}: shape {array.shape}, {(HERE / name).stat().st_size} bytes, "
                  f"sha256 {digest}...")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
