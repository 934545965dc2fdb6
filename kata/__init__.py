"""The DeZero kata's runner: `python -m kata --help` (the Makefile is its front door).

One job per module:
- layout: where things are, and the STEP argument;
- markers, generate, diff: skeletons and diffs from the marked solutions; backup: copies
  of a learner's files before anything replaces them;
- pytest_plugin, testrun, checks, missing: running a step's tests, and failures a learner can
  read (missing: which module of the package should define a missing name);
- ordering: which failure a learner reads first (the one that explains, the simplest case);
- screen: a failing run fitted to the terminal, the failure to fix first last, in full;
- leaks: leak tests and their diagnosis (step 17);
- verify: the maintainers' check (what CI runs);
- workspace: the learner's step folders against their skeletons;
- stress, progress, hints, watch, reset: the learner's commands;
- memory, bench, plot: measuring what steps 17 and 18 buy.
"""

import os

# Before NumPy loads: OpenBLAS starts a thread per core for every matrix product, and for the
# kata's small ones on a busy laptop or a 2-core CI machine one thread is much faster.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
