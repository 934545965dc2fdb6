"""Leak tests and their diagnosis: which DeZero objects outlive their last reference.

The check is deterministic (see ../shared/MEMORY-TESTING.md): with the cyclic garbage
collector switched off, an object that survives `del` is kept alive by a reference cycle
(or by someone still holding it), never by a collector that has not run yet.
"""

from __future__ import annotations

import objgraph

TRACKED = ("Variable", "Function")


def type_name(cls: type) -> str:
    """The fully qualified name objgraph counts by, e.g. `dezero.Variable`."""
    return f"{cls.__module__}.{cls.__qualname__}"


def live_objects(module) -> dict[str, int]:
    """How many Variables and Functions (any subclass) of `module` are alive now.

    Functions are counted over all their subclasses (Square, Exp, ...), by isinstance.
    """
    stats = objgraph.typestats(shortnames=False)  # one pass over the GC's objects, no collect
    counts = {}
    for name in TRACKED:
        base = getattr(module, name, None)
        if base is not None:
            kinds = {type_name(cls) for cls in _subclasses(base)}
            counts[name] = sum(stats.get(kind, 0) for kind in kinds)
    return counts


def _subclasses(cls: type) -> list[type]:
    found = [cls]
    for sub in cls.__subclasses__():
        found.extend(_subclasses(sub))
    return found
