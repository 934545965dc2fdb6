"""Step 17: what weak outputs save on the book's loop, and what they cost per operation.

Time is pytest-benchmark's; memory goes into extra_info from separate, untimed passes (see
kata.memory.measure_loop). GC off means pytest-benchmark's disable_gc=True: the cyclic GC is
off inside every timed round. Before each round, the setup collects what the previous one
left, so rounds start alike.
"""

import gc

import pytest

from kata import bench, memory

STEP = 17
LOOP_ROUNDS = 25
pytestmark = pytest.mark.timeout(300)  # the ini's 10 s is for learners' tests

# Only the nearest benchmark marker is read, so each GC setting carries its whole marker.
GC_SETTINGS = [
    pytest.param(True, id="gc-on", marks=pytest.mark.benchmark(group=bench.LOOP_GROUP)),
    pytest.param(False, id="gc-off",
                 marks=pytest.mark.benchmark(group=bench.LOOP_GROUP, disable_gc=True)),
]


def collect_garbage() -> None:
    """Each round's setup (untimed): free what the previous round left in cycles."""
    gc.collect()


@pytest.mark.parametrize("gc_enabled", GC_SETTINGS)
def test_book_loop(benchmark, info, dezero, gc_enabled):
    info.update(gc="on" if gc_enabled else "off", **memory.loop_memory_info(dezero, gc_enabled))
    benchmark.pedantic(memory.book_loop, args=(dezero,), setup=collect_garbage,
                       rounds=LOOP_ROUNDS, warmup_rounds=1)


@pytest.mark.benchmark(group=bench.OP_GROUP)
def test_per_operation(benchmark, info, dezero):
    """The GC stays on, as in everyday use; 5 calls a round, and the stats are per call."""
    info.update(operations=memory.CHAIN_OPS)
    benchmark.pedantic(memory.chain_forward_backward, args=(dezero,), rounds=100, iterations=5,
                       warmup_rounds=1)
