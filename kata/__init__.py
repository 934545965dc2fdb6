"""The DeZero kata's runner: `python -m kata --help` (the Makefile is its front door).

- kata/: the front (cli), where things are (layout), the learner's language (i18n), and the
  test-time library the tests and the pytest plugin use (checks, leaks, missing, ordering, screen);
- commands/: the learner's commands, one module each, and their helpers (workspace, backup, pager);
- maintainer/: the maintainers' tools: markers, generate, verify, newstep, test parts, translations;
- measure/: make bench, make plot and their machinery; measure/lessons/: one memory lesson a step.
"""

import os

# Before NumPy loads: OpenBLAS starts a thread per core for every matrix product, and for the
# kata's small ones on a busy laptop or a 2-core CI machine one thread is much faster.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
