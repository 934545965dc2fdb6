"""Step 17's warm-up (solutions/step17/warmup.py): the chapter's three experiments.

Run with the cyclic garbage collector off (kata.leaks.gc_off), so reference counting alone
decides what is freed.
"""

import gc
import importlib.util
import weakref

import numpy as np
import pytest

from kata import checks, leaks
from kata.layout import rel

pytestmark = pytest.mark.until(17)  # warmup.py belongs to step 17's folder alone


@pytest.fixture
def warmup(impl_folder):
    """The warm-up module of the folder under test, loaded under a name of its own."""
    path = impl_folder / "warmup.py"
    if not path.exists():
        pytest.fail(f"there is no {rel(path)}: step 17's warm-up goes there", pytrace=False)
    spec = importlib.util.spec_from_file_location("kata_step17_warmup", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def weak_refs_along(first, n):
    """Weak references to `first` and the n - 1 Nodes after it (they keep nothing alive)."""
    refs, node = [], first
    for _ in range(n):
        refs.append(weakref.ref(node))
        node = node.next
    return refs


def test_a_chain_links_each_node_to_the_next(warmup):
    node = warmup.chain(3)
    checks.instance(node, warmup.Node, "chain(3)")
    for number in (2, 3):
        node = node.next
        checks.instance(node, warmup.Node, f"Node {number} of chain(3), reached along next")
    checks.is_true(node.next is None, "in chain(3), the third Node's next should be None")


def test_a_chain_is_freed_by_reference_counting(warmup):
    with leaks.gc_off():
        first = warmup.chain(3)
        refs = weak_refs_along(first, 3)
        del first
        alive = sum(ref() is not None for ref in refs)
    checks.equal(alive, 0, "Nodes of chain(3) still alive after `del first`, with the cyclic "
                 "collector off")


def test_a_ring_leads_back_to_its_first_node(warmup):
    first = warmup.ring(3)
    checks.instance(first, warmup.Node, "ring(3)")
    checks.is_true(first.next is not first and first.next.next is not first,
                   "in ring(3), the first two steps along next should reach two other Nodes")
    checks.is_true(first.next.next.next is first, "in ring(3), three steps along next should "
                   "lead back to the first Node")


def test_a_ring_is_not_freed_by_reference_counting(warmup):
    with leaks.gc_off():
        first = warmup.ring(3)
        refs = weak_refs_along(first, 3)
        del first
        alive_without_collector = sum(ref() is not None for ref in refs)
        gc.collect()  # the cyclic collector, run by hand
        alive_after_collection = sum(ref() is not None for ref in refs)
    checks.equal(alive_without_collector, 3, "Nodes of ring(3) alive after `del first`, with "
                 "the cyclic collector off (each is still referred to by the one before it)")
    checks.equal(alive_after_collection, 0, "Nodes of ring(3) alive after gc.collect()")


def test_a_weak_reference_to_an_array_dies_with_it(warmup):
    array = np.array([1, 2, 3])
    ref = warmup.weak(array)
    checks.is_true(isinstance(ref, weakref.ref), f"weak(array) should be a weakref.ref, "
                   f"got {type(ref).__name__}")
    checks.is_true(ref() is array, "weak(array)() should give back the array itself")
    del array
    checks.is_true(ref() is None, "after `del array`, weak(array)() should be None: a weak "
                   "reference does not keep the array alive")


def test_alive_counts_the_living(warmup):
    kept, dropped = np.array(1.0), np.array(2.0)
    refs = [weakref.ref(kept), weakref.ref(dropped), weakref.ref(kept)]
    checks.equal(warmup.alive(refs), 3, "alive() of three weak references to living arrays")
    del dropped
    checks.equal(warmup.alive(refs), 2, "alive() once one of the arrays is deleted")
