"""Step 18's lesson: peak memory of retain_grad=False vs True, and of no_grad() vs the graph.

- The workload: a chain of squares over large arrays, forward and backward (retain_grad
  False or True), or forward only (the graph kept, or under no_grad()).
- What it measures (tracemalloc, untimed): each case's peak, beside its theoretical minimum,
  the arrays that must be alive at once times the array size (CASES).
- Its report: the table `make bench STEP=18` prints (benchmarks/bench_step18.py times it).
"""

from __future__ import annotations

import numpy as np

from kata.i18n import _
from kata.measure import bench
from kata.measure.memory import peak_memory

# -- the workload -----------------------------------------------------------------------------

BIG_SIZE = 250_000  # floats: 2 MB an array, so the arrays dwarf the Python objects
CHAIN = 10  # squares in the chain: 11 values from x to y


def big_chain(dezero):
    """x and CHAIN squares of it; x holds ones, so the values stay finite however long."""
    y = x = dezero.Variable(np.ones(BIG_SIZE))
    for _square in range(CHAIN):
        y = dezero.square(y)
    return x, y


def forward_backward(dezero, retain_grad: bool) -> None:
    _x, y = big_chain(dezero)
    y.backward(retain_grad=retain_grad)


def forward(dezero, graph: bool) -> None:
    if graph:
        big_chain(dezero)
    else:
        with dezero.no_grad():
            big_chain(dezero)


# Each case: what the table calls it, and the arrays that must be alive at once (how many, which).
VALUES = CHAIN + 1  # x and its CHAIN squares
CASES = {
    (forward_backward, False): ("forward+backward, retain_grad=False", VALUES + 2,
                                f"{VALUES} values + the grad in + the grad out"),
    (forward_backward, True): ("forward+backward, retain_grad=True", 2 * VALUES,
                               f"{VALUES} values + {VALUES} grads"),
    (forward, True): ("forward, graph kept", VALUES, f"{VALUES} values, kept for backward"),
    (forward, False): ("forward under no_grad()", 3, "x + the value in + the value out"),
}



def case_words(what: str, which: str) -> tuple[str, str]:
    """A case's name and the arrays its minimum counts, in the learner's language (the JSON
    keeps CASES' English words)."""
    words = {
        CASES[forward_backward, False][0]: (
            _("forward+backward, retain_grad=False"),
            _("{values} values + the grad in + the grad out").format(values=VALUES)),
        CASES[forward_backward, True][0]: (
            _("forward+backward, retain_grad=True"),
            _("{values} values + {values} grads").format(values=VALUES)),
        CASES[forward, True][0]: (
            _("forward, graph kept"),
            _("{values} values, kept for backward").format(values=VALUES)),
        CASES[forward, False][0]: (
            _("forward under no_grad()"), _("x + the value in + the value out")),
    }
    return words.get(what, (what, which))


# -- what it measures -------------------------------------------------------------------------

def chain_memory_info(run, dezero, switch: bool) -> dict:
    """The extra_info of a step-18 benchmark: its peak next to its theoretical minimum."""
    what, arrays, which = CASES[run, switch]
    return {"what": what, "peak": peak_memory(run, dezero, switch), "minimum_arrays": arrays,
            "which": which, "array_bytes": BIG_SIZE * 8}


# -- the report -------------------------------------------------------------------------------

# The benchmarks' groups (benchmarks/bench_step18.py), which the report reads.
BACKWARD_GROUP = "step18: forward + backward"
FORWARD_GROUP = "step18: forward"


def report(results: dict) -> str:
    cases = sorted(bench.entries(results, BACKWARD_GROUP) + bench.entries(results, FORWARD_GROUP),
                   key=lambda entry: entry["impl"])  # the solution first, then yours
    rows = []
    which = {}
    for entry in cases:
        minimum = entry["minimum_arrays"] * entry["array_bytes"]
        what, arrays_which = case_words(entry["what"], entry["which"])
        rows.append([bench.label(entry["impl"]), what, f"{entry['time'] * 1e3:.1f}",
                     bench.megabytes(entry["peak"]), bench.megabytes(minimum),
                     f"{entry['peak'] / minimum:.2f}", entry["minimum_arrays"]])
        which[what] = (entry["minimum_arrays"], arrays_which)
    array_mb = bench.megabytes(BIG_SIZE * 8)
    return "\n".join([
        _("A chain of {chain} squares over arrays of {size} floats ({mb} MB each)").format(
            chain=CHAIN, size=f"{BIG_SIZE:,}", mb=array_mb),
        bench.table([_("implementation"), _("what"), "ms", _("peak MB"), _("min MB"),
                     _("peak/min"), _("arrays")], rows),
        *bench.notes(_(
            "ms: the fastest of {rounds} rounds. peak MB: tracemalloc, untimed (1 MB = 10^6 "
            "bytes).\n"
            "min MB: the theoretical minimum, the arrays that must be alive at once times {mb} MB:")
            .format(rounds=cases[0]["rounds"], mb=array_mb)),
        *(f"    {what}: {arrays} = {arrays_which}"
          for what, (arrays, arrays_which) in which.items()),
    ])
