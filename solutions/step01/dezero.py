"""DeZero, step 1: a Variable is a box that holds an ndarray."""

import numpy as np


# BEGIN NEW
class Variable:
    """A named box for data: `Variable(np.array(1.0)).data` is the array put in."""

    def __init__(self, data):
        # BEGIN SOLUTION: keep the data on the box
        self.data = data
        # END SOLUTION
# END NEW
