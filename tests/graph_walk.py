"""Walking a computational graph back from a Variable through the public API (creator,
inputs), as backward does: for tests that look at the graph a computation built."""


def functions_behind(y) -> list:
    """The functions that made y, each once (nearest first)."""
    found, seen, todo = [], set(), [y.creator]
    while todo:
        f = todo.pop(0)
        if f is not None and id(f) not in seen:
            seen.add(id(f))
            found.append(f)
            todo.extend(x.creator for x in f.inputs)
    return found


def leaves_behind(y) -> list:
    """The variables no function made that y was computed from, each once (y itself if
    no function made it)."""
    if y.creator is None:
        return [y]
    leaves, seen = [], set()
    for f in functions_behind(y):
        for x in f.inputs:
            if x.creator is None and id(x) not in seen:
                seen.add(id(x))
                leaves.append(x)
    return leaves


def names_of_functions(y) -> list[str]:
    """The class names of the functions behind y, sorted: e.g. ['Cos', 'Mul']."""
    return sorted(type(f).__name__ for f in functions_behind(y))
