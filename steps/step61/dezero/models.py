"""Models: layers that are whole networks. `from dezero.models import MLP`."""

import os

import numpy as np

import dezero.functions as F
import dezero.layers as L
from dezero import utils
from dezero.layers import Layer


class Model(Layer):
    """A Layer that is a whole network, and can draw itself."""

    def plot(self, *inputs, to_file="model.png"):
        """Draw the graph the model builds on these inputs, with step 26's plot_dot_graph
        (verbose: shapes and dtypes); without Graphviz, the .dot file and one line."""
        y = self.forward(*inputs)
        return utils.plot_dot_graph(y, verbose=True, to_file=to_file)


class MLP(Model):
    """A multi-layer perceptron: one L.Linear per output size, `activation` between them
    (not after the last: the output is left as it is, for the loss to use)."""

    def __init__(self, fc_output_sizes, activation=F.sigmoid):
        super().__init__()
        self.activation = activation
        self.layers = []
        for i, out_size in enumerate(fc_output_sizes):
            layer = L.Linear(out_size)
            setattr(self, "l" + str(i), layer)  # an attribute, so that params() finds it
            self.layers.append(layer)

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = self.activation(layer(x))
        return self.layers[-1](x)


class VGG16(Model):
    """The 16-layer network of Simonyan and Zisserman (2014): 13 convolutions of 3 x 3 in
    five blocks, each block ending in a 2 x 2 max pooling, then three Linear layers.

    The layers keep the book's names (conv1_1 ... conv5_3, fc6, fc7, fc8), so weights saved
    by the book's DeZero load here. An input of 224 x 224 pixels leaves 7 x 7 after the five
    poolings; a smaller one works too (from 32 x 32), fc6 then sizes itself to it.
    """

    # (channels, convolutions) of each block
    BLOCKS = ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3))
    # The book downloads its weights (about 528 MB) from here; the kata never downloads:
    WEIGHTS_PATH = "https://github.com/koki0702/dezero-models/releases/download/v0.1/vgg16.npz"
    # it reads them from the cache folder, where the book's DeZero keeps its downloads
    WEIGHTS_FILE = "vgg16.npz"

    def __init__(self, pretrained=False):
        super().__init__()
        for block, (channels, convolutions) in enumerate(self.BLOCKS, start=1):
            for n in range(1, convolutions + 1):
                setattr(self, f"conv{block}_{n}",
                        L.Conv2d(channels, kernel_size=3, stride=1, pad=1))
        self.fc6 = L.Linear(4096)
        self.fc7 = L.Linear(4096)
        self.fc8 = L.Linear(1000)
        if pretrained:
            self.load_weights(self.weights_file())

    @classmethod
    def weights_file(cls):
        """The local weights file (utils.get_cache_dir(): $DEZERO_DATA or ~/.dezero); when
        it is missing, one line says where to put it."""
        path = os.path.join(utils.get_cache_dir(), cls.WEIGHTS_FILE)
        if not os.path.exists(path):
            raise FileNotFoundError(
                f"VGG16(pretrained=True) reads its weights from {path}, which does not "
                f"exist: download {cls.WEIGHTS_PATH} (528 MB) and put it there")
        return path

    def blocks(self):
        """The convolutions of each block, in order (conv1_1, conv1_2), (conv2_1, ...), ..."""
        return [[getattr(self, f"conv{block}_{n}") for n in range(1, convolutions + 1)]
                for block, (_, convolutions) in enumerate(self.BLOCKS, start=1)]

    def forward(self, x):
        for convolutions in self.blocks():
            for conv in convolutions:
                x = F.relu(conv(x))
            x = F.pooling(x, 2, 2)  # halves the height and width
        x = F.reshape(x, (x.shape[0], -1))
        x = F.dropout(F.relu(self.fc6(x)))
        x = F.dropout(F.relu(self.fc7(x)))
        return self.fc8(x)  # one score per ImageNet class (1000)

    # BGR means of the ImageNet training images the weights were trained on
    MEAN_BGR = (103.939, 116.779, 123.68)

    @staticmethod
    def preprocess(image, size=(224, 224), dtype=np.float32):
        """A picture as VGG16 wants it: (3, H, W), channels in BGR order, mean removed.

        `image` is a PIL image, as in the book (resized with PIL), or an ndarray (H, W, 3)
        of RGB values (resized by nearest neighbour, so no image library is needed). `size`
        is (width, height), as PIL has it; None keeps the picture's size.
        """
        if hasattr(image, "convert"):  # a PIL image
            image = image.convert("RGB")
            if size:
                image = image.resize(size)
            image = np.asarray(image, dtype=dtype)
        else:
            image = np.asarray(image)
            if size:
                image = _resize_nearest(image, size)
            image = image.astype(dtype)
        image = image[:, :, ::-1]  # RGB -> BGR, the order the weights expect
        image = image - np.array(VGG16.MEAN_BGR, dtype=dtype)
        return image.transpose(2, 0, 1)  # (H, W, 3) -> (3, H, W)


def _resize_nearest(image, size):
    """An (H, W, ...) array resized to size = (width, height), each pixel the nearest one."""
    width, height = size
    rows = np.arange(height) * image.shape[0] // height
    cols = np.arange(width) * image.shape[1] // width
    return image[rows][:, cols]
