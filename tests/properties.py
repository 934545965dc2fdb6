"""Property-based checks of Stage 4 (steps 37 on): gradients over many shapes, with Hypothesis.

Hypothesis draws the shapes, axes and broadcasting pairs; `SETTINGS` makes every run draw the
same examples (derandomized: CI and `make stress` see identical runs), few of them, and
shrinks a failure to a small one. The numbers in the arrays come from a seed Hypothesis
draws, not from Hypothesis itself: shrunk arrays would be all zeros, where many wrong
backwards (a product's grads swapped, say) give the right answer.

A test puts `@SETTINGS` and `@given(...)` on an inner function, inside a test that takes the
`dezero` fixture, and calls it:

    def test_reshape(dezero):
        @SETTINGS
        @given(shape=shapes())
        def check(shape):
            check_grad(dezero, lambda x: F.reshape(x, (-1,)), [array(shape)], "F.reshape")
        check()

`check_grad` compares backward with `kata.checks.numerical_grad` and says what it checked in
the learner's words: the function, the inputs' shapes, what was expected and what came back.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from kata import checks

SETTINGS = settings(
    derandomize=True,  # the same examples on every run
    max_examples=8,  # each one runs a numerical gradient: keep the step's tests fast
    deadline=None,  # a shared machine has slow moments: time is not what is tested
    database=None,  # nothing remembered between runs (derandomized runs need none)
    phases=(Phase.explicit, Phase.generate, Phase.shrink),  # no slow `explain` phase
    report_multiple_bugs=False,  # one failure, in plain words, not an exception group
    suppress_health_check=(HealthCheck.too_slow,),
)

MAX_SIDE = 4  # 4 x 4 x 4 arrays at most: enough for every axis to matter, and fast
MAX_DIMS = 3


def shapes(min_dims: int = 0, max_dims: int = MAX_DIMS, min_side: int = 1,
           max_side: int = MAX_SIDE) -> st.SearchStrategy[tuple[int, ...]]:
    """Array shapes: () (a 0-d array), (3,), (2, 1, 4), ..."""
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side,
                            max_side=max_side)


def axes(ndim: int) -> st.SearchStrategy:
    """What NumPy accepts as `axis` for an array of ndim dimensions: None, an int (negative
    ones count from the end) or a tuple of distinct axes."""
    options = [st.none()]
    if ndim > 0:
        options.append(st.integers(-ndim, ndim - 1))
        options.append(hnp.valid_tuple_axes(ndim, min_size=1))
    return st.one_of(*options)


@st.composite
def shape_and_axis(draw, min_dims: int = 0) -> tuple[tuple[int, ...], object, bool]:
    """(shape, axis, keepdims) for a sum: axis valid for the shape."""
    shape = draw(shapes(min_dims=min_dims))
    return shape, draw(axes(len(shape))), draw(st.booleans())


def broadcastable_pairs(max_dims: int = MAX_DIMS) -> st.SearchStrategy:
    """Two shapes NumPy broadcasts together, as (shape0, shape1): ((3,), (2, 3)), ((2, 1),
    (1, 4)), ... (the same shape now and then)."""
    return hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=max_dims,
                                             max_side=MAX_SIDE).map(lambda s: s.input_shapes)


@st.composite
def broadcast_target(draw) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(shape, target): target is shape broadcast further (new leading axes, 1s stretched)."""
    target = draw(shapes())
    kept = target[draw(st.integers(0, len(target))):]  # leading axes dropped ...
    ones = draw(st.lists(st.booleans(), min_size=len(kept), max_size=len(kept)))
    shape = tuple(1 if one else side for one, side in zip(ones, kept))  # ... some sides 1
    return shape, target


@st.composite
def permuted(draw, min_dims: int = 0) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(shape, axes): a shape and a reordering of its axes, for transpose."""
    shape = draw(shapes(min_dims=min_dims))
    return shape, tuple(draw(st.permutations(range(len(shape)))))


@st.composite
def reshaped(draw) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(shape, new_shape) with the same number of elements (the sides reordered, or flat)."""
    shape = draw(shapes())
    new_shape = tuple(draw(st.permutations(shape)))
    if draw(st.booleans()):
        new_shape = (int(np.prod(shape, dtype=int)),)
    return shape, new_shape


def matmul_shapes() -> st.SearchStrategy[tuple[tuple[int, int], tuple[int, int]]]:
    """((N, D), (D, H)): two matrices that can be multiplied."""
    side = st.integers(1, MAX_SIDE + 1)
    return st.tuples(side, side, side).map(lambda s: ((s[0], s[1]), (s[1], s[2])))


def seeds() -> st.SearchStrategy[int]:
    """A seed for the numbers in an array (see the module's docstring)."""
    return st.integers(0, 2 ** 16)


def array(shape, seed: int = 0, low: float = -2.0, high: float = 2.0,
          dtype=np.float64) -> np.ndarray:
    """An array of the shape with seeded numbers in [low, high): never all zeros."""
    return np.asarray(checks.seeded(seed).uniform(low, high, size=shape), dtype=dtype)


def shapes_in_words(names, arrays) -> str:
    """`x0 of shape (3,), x1 of shape (2, 3)`."""
    return ", ".join(f"{name} of shape {np.shape(a)}" for name, a in zip(names, arrays))


def wrong_grad_shape(output):
    """The first function, from the output back, whose backward gave an input a grad of
    another shape than the input's: (function, input index, input, grad), or None.

    Needs the grads of the whole graph (backward(retain_grad=True)). From the output back,
    the first mismatch is where it started: a wrong grad flows on into the functions
    behind it.
    """
    funcs, seen = [], set()
    stack = [output.creator]
    while stack:
        f = stack.pop()
        if f is None or id(f) in seen:
            continue
        seen.add(id(f))
        funcs.append(f)
        stack.extend(x.creator for x in f.inputs)
    for f in sorted(funcs, key=lambda f: -f.generation):
        for index, x in enumerate(f.inputs):
            grad = x.grad
            if x.data is None or grad is None:
                continue
            grad_shape = np.shape(getattr(grad, "data", grad))
            if grad_shape != x.data.shape:
                return f, index, x, grad_shape
    return None


def check_grad(dezero, f, arrays, what: str, names=None, rtol: float = 1e-5,
               atol: float = 1e-6, seed: int = 0) -> None:
    """backward of y = f(*Variables(arrays)) against numerical gradients, input by input.

    The grad that flows into y is a seeded random array of y's shape, not ones: with ones,
    a backward that forgets to reorder (transpose) or mixes up elements can still look
    right. So what is checked is the gradient of sum(y * w) for that w.
    Every grad must first have its input's shape; a backward that gives an input a grad of
    another shape (a broadcast one, say) is named.
    """
    __tracebackhide__ = True
    names = list(names) if names else (
        ["x"] if len(arrays) == 1 else [f"x{i}" for i in range(len(arrays))])
    inputs = shapes_in_words(names, arrays)
    xs = [dezero.Variable(np.array(a)) for a in arrays]
    y = f(*xs)
    checks.instance(y, dezero.Variable, f"{what} with {inputs}")
    weights = np.asarray(checks.seeded(seed + 1).uniform(0.5, 1.5, size=y.data.shape))
    y.grad = dezero.Variable(weights)
    y.backward(retain_grad=True)

    blamed = wrong_grad_shape(y)
    if blamed is not None:
        func, index, x, grad_shape = blamed
        which = next((f"{name} (its input {index}" for name, v in zip(names, xs) if v is x),
                     f"its input {index} (made inside {what}")
        checks.fail(f"{what} with {inputs}: the backward of {type(func).__name__} gave {which}"
                    f", of shape {x.data.shape}) a grad of shape {grad_shape}; a "
                    f"grad has its input's shape (where forward broadcast an input, backward "
                    f"sums the grad back to the input's shape: sum_to)")

    for index, (name, x) in enumerate(zip(names, xs)):
        grad = x.grad
        checks.is_true(grad is not None, f"{what} with {inputs}: {name}.grad is None after "
                                         f"backward(): no grad reached {name}")
        got = getattr(grad, "data", grad)
        checks.is_true(np.shape(got) == np.shape(arrays[index]),
                       f"{what} with {inputs}: {name}.grad has shape {np.shape(got)}, "
                       f"expected {np.shape(arrays[index])} ({name}'s own shape)")

        def weighted(data, index=index):
            args = [dezero.Variable(np.array(a)) for a in arrays]
            args[index] = dezero.Variable(data)
            return float(np.sum(f(*args).data * weights))

        expected = checks.numerical_grad(weighted, arrays[index])
        checks.close(got, expected, f"{what} with {inputs}: {name}.grad against a numerical "
                                    f"gradient", rtol=rtol, atol=atol)
