"""Step 58: VGG16 (dezero/models.py) without its weights: the shape after every stage on a
small input, the layers' shapes, preprocess, and pretrained=True reading a local file only.

The weights' values do not matter for shapes, and drawing VGG16's 38 million random numbers
takes seconds: the tests give np.random.randn a constant instead (`quick_weights`). The book
downloads 528 MB of weights; here nothing is downloaded, ever.
"""

import numpy as np
import pytest

from kata import checks

SIDE = 32  # the smallest input five 2x2 poolings leave a pixel of
# (channels, convolutions) of VGG16's five blocks
BLOCKS = [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)]


@pytest.fixture
def quick_weights(monkeypatch):
    """np.random.randn gives 0.01 everywhere while the test runs: the shapes are what is
    checked, and the outputs stay different from zero."""
    monkeypatch.setattr(np.random, "randn", lambda *shape: np.full(shape, 0.01))


@pytest.fixture
def no_weights_file(monkeypatch, tmp_path, dezero):
    """The cache folder ($DEZERO_DATA) is an empty temporary folder: no vgg16.npz."""
    monkeypatch.setenv("DEZERO_DATA", str(tmp_path))
    return tmp_path / "vgg16.npz"


def test_every_stage_has_the_shape_of_the_paper(dezero, quick_weights, no_weights_file):
    F = dezero.functions
    model = dezero.models.VGG16()
    x = checks.seeded().standard_normal((2, 3, SIDE, SIDE)).astype(np.float32)
    h, side, in_channels = x, SIDE, 3
    with dezero.test_mode():  # dropout off: the model and the stages below must agree
        for block, (channels, convolutions) in enumerate(BLOCKS, start=1):
            for n in range(1, convolutions + 1):
                name = f"conv{block}_{n}"
                conv = getattr(model, name, None)
                checks.is_true(conv is not None, f"VGG16 has no layer `{name}` (the book's "
                               f"names: conv1_1, conv1_2, conv2_1, ... conv5_3, fc6, fc7, fc8)")
                h = F.relu(conv(h))
                checks.equal(h.shape, (2, channels, side, side), f"VGG16.{name} on a "
                             f"{SIDE}x{SIDE} input: 3x3 kernels with pad=1 keep the size")
                checks.equal(conv.W.shape, (channels, in_channels, 3, 3),
                             f"VGG16.{name}.W's shape (OC, C, KH, KW)")
                in_channels = channels
            h = F.pooling(h, 2, 2)
            side //= 2
            checks.equal(h.shape, (2, channels, side, side), f"after block {block}'s pooling")
        h = F.reshape(h, (2, -1))
        for name, size in (("fc6", 4096), ("fc7", 4096), ("fc8", 1000)):
            h = getattr(model, name)(h)
            checks.equal(h.shape, (2, size), f"VGG16.{name}'s output on a {SIDE}x{SIDE} input")
            if name != "fc8":
                h = F.relu(h)
        y = model(x)
    checks.equal(y.shape, (2, 1000), f"VGG16()(x) for x of shape {x.shape}: a score per "
                 f"ImageNet class")
    checks.close(y, h.data, "VGG16()(x) in test mode against its layers called one by one "
                 "(compared relatively: with constant weights the scores are tiny)", rtol=1e-5,
                 atol=0)
    checks.equal(model.fc6.W.shape, (512, 4096), f"fc6.W's shape after a {SIDE}x{SIDE} input "
                 "(512 channels of 1x1 pixel)")
    checks.equal(len(list(model.params())), 32, "VGG16's parameters: W and b of 13 "
                 "convolutions and 3 Linear layers")


def test_pretrained_without_the_file_says_where_to_put_it(dezero, no_weights_file):
    def build():
        dezero.models.VGG16(pretrained=True)

    try:
        build()
    except FileNotFoundError as error:
        message = str(error)
    else:
        checks.fail(f"VGG16(pretrained=True) with no file at {no_weights_file}: expected "
                    f"FileNotFoundError, nothing was raised")
    checks.is_true(str(no_weights_file) in message and "\n" not in message,
                   f"VGG16(pretrained=True)'s error should say in one line where to put "
                   f"the weights ({no_weights_file}); it said: {message}")


def test_pretrained_loads_the_local_file(dezero, monkeypatch, tmp_path):
    path = tmp_path / "vgg16.npz"
    path.write_bytes(b"")  # present: VGG16 hands it to load_weights, which is step 53's
    monkeypatch.setenv("DEZERO_DATA", str(tmp_path))  # the cache folder
    loaded = []
    monkeypatch.setattr(dezero.models.VGG16, "load_weights",
                        lambda self, file: loaded.append(str(file)))
    dezero.models.VGG16(pretrained=True)
    checks.equal(loaded, [str(path)], "the files VGG16(pretrained=True) passed to "
                 "load_weights")


def test_not_pretrained_reads_no_file(dezero, monkeypatch, no_weights_file):
    loaded = []
    monkeypatch.setattr(dezero.models.VGG16, "load_weights",
                        lambda self, file: loaded.append(str(file)))
    model = dezero.models.VGG16()
    checks.equal(loaded, [], "files VGG16() (pretrained=False, the default) loaded")
    checks.is_true(model.conv1_1.W.data is None, "VGG16()'s conv1_1.W before any input: "
                   "None (the kernels are made at the first call)")


def rgb_picture(height=5, width=4):
    return checks.seeded().integers(0, 256, (height, width, 3)).astype(np.uint8)


def test_preprocess_an_array(dezero):
    picture = rgb_picture()
    out = dezero.models.VGG16.preprocess(picture, size=None)
    checks.equal(out.shape, (3, 5, 4), "VGG16.preprocess of a (5, 4, 3) RGB array, "
                 "size=None: channels first")
    checks.equal(out.dtype, np.float32, "VGG16.preprocess's dtype (default np.float32)")
    mean_bgr = np.array([103.939, 116.779, 123.68])
    expected = picture[:, :, ::-1].transpose(2, 0, 1) - mean_bgr.reshape(3, 1, 1)
    checks.close(out, expected, "VGG16.preprocess: channels reversed to BGR, then the BGR "
                 "means (103.939, 116.779, 123.68) subtracted", rtol=1e-6, atol=1e-4)


def test_preprocess_resizes_to_224_by_default(dezero):
    out = dezero.models.VGG16.preprocess(rgb_picture(300, 200))
    checks.equal(out.shape, (3, 224, 224), "VGG16.preprocess of a (300, 200, 3) array")
    wide = dezero.models.VGG16.preprocess(rgb_picture(30, 20), size=(16, 8))
    checks.equal(wide.shape, (3, 8, 16), "VGG16.preprocess(..., size=(16, 8)): size is "
                 "(width, height), as PIL has it")


def test_preprocess_a_pil_like_image(dezero):
    """A PIL image (what the book passes) is converted to RGB and resized by PIL itself."""
    calls = []
    picture = rgb_picture(6, 7)

    class Picture:  # what preprocess uses of PIL.Image.Image
        def convert(self, mode):
            calls.append(("convert", mode))
            return self

        def resize(self, size):
            calls.append(("resize", size))
            return self

        def __array__(self, dtype=None, copy=None):
            return picture.astype(dtype) if dtype else picture

    out = dezero.models.VGG16.preprocess(Picture(), size=(224, 224))
    checks.equal(calls, [("convert", "RGB"), ("resize", (224, 224))],
                 "the calls VGG16.preprocess made on a PIL image")
    checks.equal(out.shape, (3, 6, 7), "VGG16.preprocess of a PIL image whose pixels are "
                 "(6, 7, 3) after resize")


# -- ImageNet's class names, for the book's predictions (given: read from a local file) -----

@pytest.mark.passes_on_skeleton("ImageNet.labels() is given code: the test guards it")
def test_imagenet_labels_come_from_the_local_file(dezero, monkeypatch, tmp_path):
    monkeypatch.setenv("DEZERO_DATA", str(tmp_path))
    labels_file = tmp_path / dezero.datasets.ImageNet.LABELS_FILE
    try:
        dezero.datasets.ImageNet.labels()
    except FileNotFoundError as error:
        checks.is_true(str(labels_file) in str(error) and "\n" not in str(error),
                       f"ImageNet.labels() without its file should say in one line where "
                       f"to put it ({labels_file}); it said: {error}")
    else:
        checks.fail(f"ImageNet.labels() with no file at {labels_file}: expected "
                    "FileNotFoundError, nothing was raised")
    labels_file.write_text("{0: 'tench, Tinca tinca',\n 1: 'goldfish, Carassius auratus'}\n")
    checks.equal(dezero.datasets.ImageNet.labels(),
                 {0: "tench, Tinca tinca", 1: "goldfish, Carassius auratus"},
                 "ImageNet.labels() read from a two-line labels file")
