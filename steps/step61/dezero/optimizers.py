"""Optimizers: update a model's parameters from their gradients. `from dezero import
optimizers`, then `optimizer = optimizers.SGD(lr).setup(model)` and, after each backward,
`optimizer.update()`.

Each optimizer is one rule, written in update_one(param). SGD and MomentumSGD are the
book's step 46; AdaGrad, AdaDelta and Adam are in the book's repository (step 59 uses Adam).
Rules that keep a state per parameter (a velocity, running averages) keep it in a dict by
id(param): the model holds its parameters for as long as it is trained.
"""

import math

from dezero import cuda  # the module of a parameter's data: numpy, or cupy on a GPU


class Optimizer:
    """The base: finds the parameters that have a gradient and updates each of them."""

    def __init__(self):
        self.target = None  # the Layer (or Model) whose parameters are updated
        self.hooks = []  # functions called with the parameters before each update

    def setup(self, target):
        """Update target's parameters from now on; returns the optimizer itself, so that
        `optimizer = SGD(lr).setup(model)` reads as one line."""
        self.target = target
        return self

    def update(self):
        """One update of every parameter that has a gradient; the hooks see them first."""
        params = [p for p in self.target.params() if p.grad is not None]
        for f in self.hooks:  # e.g. weight decay, gradient clipping: they change the grads
            f(params)
        for param in params:
            self.update_one(param)

    def update_one(self, param):
        raise NotImplementedError(f"{type(self).__name__} does not define update_one()")

    def add_hook(self, f):
        """f(params) will run before each update, with the parameters about to be updated."""
        self.hooks.append(f)


class SGD(Optimizer):
    """Stochastic gradient descent: param -= lr * grad."""

    def __init__(self, lr=0.01):
        super().__init__()
        self.lr = lr

    def update_one(self, param):
        param.data -= self.lr * param.grad.data


class MomentumSGD(Optimizer):
    """SGD with a velocity per parameter: v = momentum * v - lr * grad; param += v."""

    def __init__(self, lr=0.01, momentum=0.9):
        super().__init__()
        self.lr = lr
        self.momentum = momentum
        self.vs = {}  # id(param) -> its velocity, zeros at first

    def update_one(self, param):
        key = id(param)
        if key not in self.vs:
            xp = cuda.get_array_module(param.data)
            self.vs[key] = xp.zeros_like(param.data)
        v = self.vs[key]
        v *= self.momentum
        v -= self.lr * param.grad.data
        param.data += v


class AdaGrad(Optimizer):
    """Each element's step is lr / sqrt(the sum of its squared gradients so far)."""

    def __init__(self, lr=0.001, eps=1e-8):
        super().__init__()
        self.lr = lr
        self.eps = eps
        self.hs = {}  # id(param) -> the sum of its squared gradients

    def update_one(self, param):
        key = id(param)
        xp = cuda.get_array_module(param.data)
        if key not in self.hs:
            self.hs[key] = xp.zeros_like(param.data)
        h = self.hs[key]
        grad = param.grad.data
        h += grad * grad
        param.data -= self.lr * grad / (xp.sqrt(h) + self.eps)


class AdaDelta(Optimizer):
    """No learning rate: steps scaled by running averages of squared gradients (msg) and
    of squared steps (msdx)."""

    def __init__(self, rho=0.95, eps=1e-6):
        super().__init__()
        self.rho = rho
        self.eps = eps
        self.msg = {}
        self.msdx = {}

    def update_one(self, param):
        key = id(param)
        xp = cuda.get_array_module(param.data)
        if key not in self.msg:
            self.msg[key] = xp.zeros_like(param.data)
            self.msdx[key] = xp.zeros_like(param.data)
        msg, msdx = self.msg[key], self.msdx[key]
        rho, eps = self.rho, self.eps
        grad = param.grad.data
        msg *= rho
        msg += (1 - rho) * grad * grad
        dx = xp.sqrt((msdx + eps) / (msg + eps)) * grad
        msdx *= rho
        msdx += (1 - rho) * dx * dx
        param.data -= dx


class Adam(Optimizer):
    """Running averages of the gradient (m) and of its square (v), corrected for starting
    at zero; each element's step is about alpha, whatever the gradient's scale."""

    def __init__(self, alpha=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__()
        self.t = 0  # updates so far: the correction depends on it
        self.alpha = alpha
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.ms = {}
        self.vs = {}

    def update(self, *args, **kwargs):
        self.t += 1
        super().update(*args, **kwargs)

    @property
    def lr(self):
        """alpha * sqrt(1 - beta2 ** t) / (1 - beta1 ** t): the bias correction of m and v."""
        fix1 = 1.0 - math.pow(self.beta1, self.t)
        fix2 = 1.0 - math.pow(self.beta2, self.t)
        return self.alpha * math.sqrt(fix2) / fix1

    def update_one(self, param):
        key = id(param)
        xp = cuda.get_array_module(param.data)
        if key not in self.ms:
            self.ms[key] = xp.zeros_like(param.data)
            self.vs[key] = xp.zeros_like(param.data)
        m, v = self.ms[key], self.vs[key]
        grad = param.grad.data
        m += (1 - self.beta1) * (grad - m)
        v += (1 - self.beta2) * (grad * grad - v)
        param.data -= self.lr * m / (xp.sqrt(v) + self.eps)
