"""Step 33's benchmarks: the lesson is kata/measure/lessons/step33.py (Newton's method three
ways, what each leaves behind, the report and its targets); this file times it with
pytest-benchmark, and step 17's loop (kata/measure/lessons/step17.py) on this step's code.

Memory goes into extra_info from separate, untimed passes; GC off means pytest-benchmark's
disable_gc=True in the timed rounds, and kata.leaks.gc_off in the memory passes.
"""

import pytest

from kata.measure import bench
from kata.measure.lessons import step17, step33

STEP = 33
SOLUTIONS = (33,)
ROUNDS = 10
pytestmark = pytest.mark.timeout(300)  # the ini's 10 s is for learners' tests


def gc_settings(group: str) -> list:
    """GC on and off; only the nearest benchmark marker is read, so each carries its group."""
    return [pytest.param(True, id="gc-on", marks=pytest.mark.benchmark(group=group)),
            pytest.param(False, id="gc-off",
                         marks=pytest.mark.benchmark(group=group, disable_gc=True))]


@pytest.mark.parametrize("gc_enabled", gc_settings(step33.NEWTON_GROUP))
@pytest.mark.parametrize("variant", list(step33.NEWTON_VARIANTS))
def test_newton(benchmark, info, dezero, variant, gc_enabled):
    info.update(gc="on" if gc_enabled else "off",
                **step33.newton_memory_info(dezero, variant, gc_enabled))
    benchmark.pedantic(step33.newton_loop, args=(dezero, variant), setup=bench.collect_garbage,
                       rounds=ROUNDS, warmup_rounds=1)


@pytest.mark.parametrize("gc_enabled", gc_settings(step33.LOOP_GROUP))
def test_step17_loop(benchmark, info, dezero, gc_enabled):
    info.update(gc="on" if gc_enabled else "off", **step17.loop_memory_info(dezero, gc_enabled))
    benchmark.pedantic(step17.book_loop, args=(dezero,), setup=bench.collect_garbage,
                       rounds=ROUNDS, warmup_rounds=1)


report = step33.report
