"""Step 17's benchmarks: the lesson is kata/measure/lessons/step17.py (the workloads, what
they measure, the report and its targets); this file times it with pytest-benchmark.

Memory goes into extra_info from separate, untimed passes (step17.loop_memory_info). GC off
means pytest-benchmark's disable_gc=True: the cyclic GC is off inside every timed round.
Before each round, the setup collects what the previous one left, so rounds start alike. The
two timing targets are ratios of step 17 to step 16, so they are measured apart, in
alternating rounds (kata.measure.memory.Interleaved), and judged by the median and spread of
the rounds: no verdict when the spread straddles the target.
"""

import pytest

from kata.measure import bench, memory
from kata.measure.lessons import step17

STEP = 17
SOLUTIONS = (16, 17)
LOOP_ROUNDS = 25
RATIO_ROUNDS = 40
LOOP_RATIO_ROUNDS = 12
pytestmark = pytest.mark.timeout(300)  # the ini's 10 s is for learners' tests

# Only the nearest benchmark marker is read, so each GC setting carries its whole marker.
GC_SETTINGS = [
    pytest.param(True, id="gc-on", marks=pytest.mark.benchmark(group=step17.LOOP_GROUP)),
    pytest.param(False, id="gc-off",
                 marks=pytest.mark.benchmark(group=step17.LOOP_GROUP, disable_gc=True)),
]


@pytest.mark.parametrize("gc_enabled", GC_SETTINGS)
def test_book_loop(benchmark, info, dezero, gc_enabled):
    info.update(gc="on" if gc_enabled else "off", **step17.loop_memory_info(dezero, gc_enabled))
    benchmark.pedantic(step17.book_loop, args=(dezero,), setup=bench.collect_garbage,
                       rounds=LOOP_ROUNDS, warmup_rounds=1)


@pytest.mark.benchmark(group=step17.LOOP_RATIO_GROUP)
def test_book_loop_ratio(benchmark):
    """The book's loop, GC on, both solutions in each round; the ratios go into extra_info."""
    strong, weak = (memory.load(impl) for impl in memory.implementations(SOLUTIONS, STEP))
    pair = memory.Interleaved(step17.book_loop, strong, weak, iterations=1, repeats=3)
    benchmark.pedantic(pair.round, rounds=LOOP_RATIO_ROUNDS, warmup_rounds=1)
    benchmark.extra_info.update(impl="ratio", ratios=pair.ratios[-LOOP_RATIO_ROUNDS:])


@pytest.mark.benchmark(group=step17.OP_GROUP)
def test_per_operation(benchmark, info, dezero):
    """The GC stays on, as in everyday use; 5 calls a round, and the stats are per call."""
    info.update(operations=step17.CHAIN_OPS)
    benchmark.pedantic(step17.chain_forward_backward, args=(dezero,), rounds=100, iterations=5,
                       warmup_rounds=1)


@pytest.mark.benchmark(group=step17.RATIO_GROUP)
def test_per_operation_ratio(benchmark):
    """Each round times both solutions, one after the other; the ratios go into extra_info."""
    strong, weak = (memory.load(impl) for impl in memory.implementations(SOLUTIONS, STEP))
    pair = memory.Interleaved(step17.chain_forward_backward, strong, weak)
    benchmark.pedantic(pair.round, rounds=RATIO_ROUNDS, warmup_rounds=1)
    benchmark.extra_info.update(impl="ratio", ratios=pair.ratios[-RATIO_ROUNDS:])


report = step17.report
