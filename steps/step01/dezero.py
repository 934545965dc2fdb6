"""DeZero, step 1: a Variable is a box that holds an ndarray."""

import numpy as np


class Variable:
    """A named box for data: `Variable(np.array(1.0)).data` is the array put in."""

    def __init__(self, data):
        raise NotImplementedError('TODO(step 01): write Variable.__init__(): keep the data on the box')
