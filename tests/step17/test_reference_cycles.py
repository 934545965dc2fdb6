"""Step 17: a graph you drop is freed at once, by reference counting alone.

Each test switches the cyclic garbage collector off (kata.leaks.no_cycles), builds a graph,
deletes every name, and checks that no Variable or Function is left. With strong outputs,
`Variable.creator → Function → Function.outputs → Variable` is a reference cycle that only
the collector could free: the failure then shows that cycle.
"""

import numpy as np

from kata import checks, leaks

BOOK_GRAPHS = 100  # the book's loop: graphs built one after the other
BOOK_SIZE = 10_000  # randn(10000), as in the book


def test_a_chain_is_freed(dezero):
    with leaks.no_cycles(dezero, "y = square(exp(square(x)))"):
        x = dezero.Variable(np.array(0.5))
        y = dezero.square(dezero.exp(dezero.square(x)))
        del x, y


def test_the_diamond_is_freed(dezero):
    with leaks.no_cycles(dezero, "a = square(x); y = add(square(a), square(a))"):
        x = dezero.Variable(np.array(2.0))
        a = dezero.square(x)
        y = dezero.add(dezero.square(a), dezero.square(a))
        del x, a, y


def test_a_function_with_two_outputs_is_freed(dezero, split):
    with leaks.no_cycles(dezero, "y0, y1 = Split()(x); z = add(y0, y1)"):
        x = dezero.Variable(np.array(1.5))
        y0, y1 = split()(x)
        z = dezero.add(y0, y1)
        del x, y0, y1, z


def test_a_graph_is_freed_after_backward(dezero):
    with leaks.no_cycles(dezero, "y = square(exp(square(x))); y.backward()"):
        x = dezero.Variable(np.array(0.5))
        y = dezero.square(dezero.exp(dezero.square(x)))
        y.backward()
        del x, y


def test_the_books_loop_leaves_nothing_behind(dezero):
    rng = checks.seeded()
    what = f"{BOOK_GRAPHS} times: x = Variable(randn({BOOK_SIZE})); y = square(square(square(x)))"
    with leaks.no_cycles(dezero, what):
        for _ in range(BOOK_GRAPHS):
            x = dezero.Variable(rng.standard_normal(BOOK_SIZE))
            y = dezero.square(dezero.square(dezero.square(x)))  # the previous graph goes here
        del x, y
