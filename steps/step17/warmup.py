"""Step 17's warm-up: reference counting, a cycle it cannot free, and weak references.

Three small experiments from the chapter, before DeZero itself. Their tests
(tests/step17/test_warmup.py) switch the cyclic garbage collector off, so that only
reference counting frees objects: whatever survives then is held by a cycle.
"""

import weakref


class Node:
    """An object that may refer to one other object, its `next`."""

    def __init__(self):
        self.next = None


def chain(n):
    """n Nodes in a row, each referring to the next; return the first.

    Only the first has a name outside. Delete that name and its count drops to zero, so it
    is freed; that drops the second one's count to zero, and so on down the row.
    """
    raise NotImplementedError("TODO(step 17): write chain(): make n Nodes, set each one's next to the following one")


def ring(n):
    """n Nodes in a ring: a chain whose last Node refers back to the first; return the first.

    Every Node is referred to by the one before it, so no count ever reaches zero, even
    when nothing outside refers to the ring any more: only the cyclic collector frees it.
    """
    raise NotImplementedError('TODO(step 17): write ring(): build a chain, walk to its last Node, point that one at the first')


def weak(obj):
    """A weak reference to obj: calling it gives obj while obj lives, None once it is freed."""
    raise NotImplementedError('TODO(step 17): write weak(): the weakref module has it')


def alive(refs):
    """How many of these weak references still lead to a living object."""
    raise NotImplementedError('TODO(step 17): write alive(): call each one; a dead one gives None')
