"""Leak tests and their diagnosis: which DeZero objects outlive their last reference.

The check is deterministic: with the cyclic garbage
collector switched off, an object that survives `del` is kept alive by a reference cycle
(or by someone still holding it), never by a collector that has not run yet.

In a test (the block is the test's own body, so no earlier failure's leftovers count):

    with leaks.no_cycles(dezero, "y = square(square(x))"):
        x = dezero.Variable(np.array(2.0))
        y = dezero.square(dezero.square(x))
        del x, y

When the block ends, every Variable and Function made inside it must be gone. If some
survive, the test fails with a report a learner can act on: what survived, the cycle that
holds it as a path of attribute names (`Variable.creator → Square → Square.outputs[0] →
Variable`), and a picture of that cycle under .kata/leaks/.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
import shutil
import subprocess
import sys
import types
import weakref
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import objgraph
import pytest

from kata.i18n import _, localized, ngettext
from kata.layout import ROOT, TESTS, WORK, guide, rel, step_of_path

TRACKED = ("Variable", "Function")
PICTURES = WORK / "leaks"  # git-ignored, like all of .kata/
GUIDE = "steps/step17/README.md"  # where a leak report is explained
SEARCH_LIMIT = 5_000  # objects one search for a cycle may visit
SEARCHES = 200  # survivors examined for a cycle, at most
SHOWN = 3  # cycles listed in a report, at most
NAME_LENGTH = 60  # characters of a picture's file name, before its suffix
CONTAINERS = (dict, list, tuple, set, frozenset)


def type_name(cls: type) -> str:
    """The fully qualified name objgraph counts by, e.g. `dezero.Variable`.

    objgraph names a type `module.__name__` (not `__qualname__`), so a class defined
    inside a test function is counted under its plain name.
    """
    return f"{cls.__module__}.{cls.__name__}"


def live_objects(module) -> dict[str, int]:
    """How many Variables and Functions (any subclass) of `module` are alive now.

    Functions are counted over all their subclasses (Square, Exp, ...), wherever they are
    defined (a test's own Function too). One pass over the GC's objects, no collection.
    """
    return _counts(module, _tracked_objects(module))


def _counts(module, objects: list) -> dict[str, int]:
    """objgraph's counts of `objects` (Variables and Functions), by kind.

    objgraph names each type on the heap in Python: given only the Variables and Functions
    (picked by class, in one fast pass), it costs a fraction of a pass over the whole heap.
    """
    stats = objgraph.typestats(objects, shortnames=False)
    return {name: sum(stats.get(kind, 0) for kind in kinds)
            for name, kinds in _kind_names(module).items()}


def _kind_names(module) -> dict[str, set[str]]:
    """"Variable" -> the objgraph names of Variable and its subclasses; same for Function."""
    return {name: {type_name(cls) for cls in classes}
            for name, classes in _kind_classes(module).items()}


def _kind_classes(module) -> dict[str, list[type]]:
    """"Variable" -> Variable and its subclasses; same for Function (those `module` has)."""
    module = _unwrapped(module)
    return {name: _subclasses(getattr(module, name)) for name in TRACKED
            if getattr(module, name, None) is not None}


def _subclasses(cls: type) -> list[type]:
    found = [cls]
    for sub in cls.__subclasses__():
        found.extend(_subclasses(sub))
    return found


def _unwrapped(module):
    """The module itself, also when the tests' `dezero` fixture wraps it."""
    return getattr(module, "_module", module)


def _tracked_objects(module) -> list:
    """The Variables and Functions of `module` alive now (a new list: drop it after use)."""
    kinds = {cls for classes in _kind_classes(module).values() for cls in classes}
    return [obj for obj in gc.get_objects() if type(obj) in kinds]


@contextlib.contextmanager
def gc_off() -> Iterator[None]:
    """Collect once, then keep the cyclic garbage collector off for the block.

    Inside, only reference counting frees objects, so whatever survives its last name is
    held by a cycle (or by some reference still around). The collector's state is restored
    afterwards, even when the block raises.
    """
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class no_cycles:  # a lower-case name: it reads like a function, `with leaks.no_cycles(...)`
    """A block that must leave no Variable or Function of `module` alive when it ends.

    `what` names the graph the block builds, for the report. The block must drop its own
    names (`del x, y`); `probe.new_objects()` counts what is alive meanwhile. `guide`: what
    the report says to read; by default the guide of the step whose test file runs the block
    (a step-32 leak is step 32's lesson, read in a report that step 17 taught).
    """

    def __init__(self, module, what: str, guide: str | None = None):
        self.module, self.what, self.guide = module, what, guide or _callers_guide()
        self._gc = gc_off()
        self._baseline: dict[str, int] = {}
        self._known: dict[int, weakref.ref | None] = {}

    def __enter__(self) -> no_cycles:
        self._gc.__enter__()
        alive = _tracked_objects(self.module)  # one pass over the heap for both
        self._baseline = _counts(self.module, alive)
        self._known = {id(obj): _weak(obj) for obj in alive}
        del alive  # a list of them would keep them alive
        return self

    def new_objects(self) -> dict[str, int]:
        """How many more Variables and Functions are alive than when the block began."""
        now = live_objects(self.module)
        return {name: now[name] - self._baseline.get(name, 0) for name in now}

    def __exit__(self, kind, error, traceback) -> bool:
        try:
            report = None
            if kind is None:
                survivors = self.survivors()
                if survivors:
                    report = leak_report(survivors, self.what, self.guide, picture_name())
        finally:
            self._gc.__exit__(None, None, None)
        if report:
            pytest.fail(report, pytrace=False)
        return False  # an error inside the block propagates as it is

    def survivors(self) -> list:
        """The Variables and Functions made inside the block that are still alive.

        Decided by identity, not by counts: an older object freed inside the block must not
        hide a new one that leaked.
        """
        return [obj for obj in _tracked_objects(self.module) if not self._was_known(obj)]

    def _was_known(self, obj) -> bool:
        if id(obj) not in self._known:
            return False
        ref = self._known[id(obj)]
        return ref is None or ref() is obj


def _weak(obj) -> weakref.ref | None:
    try:
        return weakref.ref(obj)
    except TypeError:  # __slots__ without __weakref__: remembered by id alone
        return None


# -- weak references where strong ones belong -----------------------------------------------------

WEAK = (weakref.ref, weakref.ProxyType, weakref.CallableProxyType)  # weakref.ref: WeakMethod too


def why_strong(attribute: str) -> str:
    """Why the graph needs a strong reference in `attribute` (creator, inputs, ...)."""
    if attribute == "creator":
        return _("backward() walks from the output back through `creator`, and an output's "
                 "creator is what keeps its Function alive: held weakly, the Function is gone "
                 "as soon as `y = f(x)` returns, and backward finds nothing (or a dead "
                 "reference)")
    if attribute == "inputs":
        return _("a Function's inputs keep the middle of a graph alive (in y = "
                 "square(square(x)) only the second Square holds the middle Variable), and "
                 "backward() reads them to pass the gradients back")
    return _("the graph needs it for backward()")


def weak_links(output) -> list[str]:
    """`Variable.creator`, `Square.inputs[0]`, ...: the weak references in the graph behind
    `output` (a Variable just computed) where strong ones belong; [] when there are none."""
    found = [f"{type(output).__name__}.{name}{label}"
             for name, label in _weak_in(vars(output)) if name != "__weakref__"]
    creator = getattr(output, "creator", None)
    if isinstance(creator, WEAK):
        creator = creator()
    if creator is not None and hasattr(creator, "__dict__"):
        found += [f"{type(creator).__name__}.{name}{label}"
                  for name, label in _weak_in(vars(creator)) if name != "outputs"]
    return found


def _weak_in(attributes: dict) -> Iterator[tuple[str, str]]:
    """(attribute, index label) of each weak reference among `attributes` (one level deep)."""
    for name, value in attributes.items():
        if isinstance(value, WEAK):
            yield name, ""
        elif isinstance(value, (list, tuple)):
            weak = [index for index, item in enumerate(value) if isinstance(item, WEAK)]
            if weak:
                yield name, f"[{weak[0]}]"


def strong_links(output, what: str) -> None:
    """Fail, saying which and why, if the graph behind `output` holds a weak reference where
    a strong one belongs (a creator, the inputs); `what` is how `output` was made."""
    found = weak_links(output)
    if not found:
        return
    lines = [_("{link} is a weak reference (after {what}); it must be a strong one.").format(
        link=found[0], what=what)]
    for link in found:
        attribute = link.split(".", 1)[1].split("[")[0].lstrip("_")
        lines.append(f"  {link}: {why_strong(attribute)}.")
    lines.append(_("Only Function.outputs holds weak references (step 17): outputs → Variable "
                   "is the link of the cycle Variable → creator → outputs → Variable to "
                   "break."))
    pytest.fail("\n".join(lines), pytrace=False)


def _callers_guide() -> str:
    """The guide of the step whose test file called no_cycles, else step 17's."""
    frame = sys._getframe(2)
    while frame is not None:
        path = Path(frame.f_code.co_filename)
        step = step_of_path(path) if path.is_relative_to(TESTS) else None
        if step is not None:
            return rel(guide(step))
        frame = frame.f_back
    return GUIDE


# -- the report ---------------------------------------------------------------------------------

def leak_report(survivors: list, what: str, guide: str = GUIDE, name: str = "leak") -> str:
    """What a learner reads when `survivors` outlived `what`: counts, cycles, a picture."""
    variables_first = sorted(survivors, key=lambda obj: not _is_variable(obj))
    cycles = find_cycles(variables_first)
    on_cycles = {id(node) for cycle in cycles for node, _label in cycle}
    lines = [ngettext("memory leak: `{what}` left {n} object alive after `del`: {kinds}.",
                      "memory leak: `{what}` left {n} objects alive after `del`: {kinds}.",
                      len(survivors)).format(what=what, n=len(survivors),
                                             kinds=_counted(survivors))]
    if not cycles:
        lines.append(_("No reference cycle joins them: something still refers to them "
                       "(a name not deleted, a list, a global)."))
        holders = _names_holding(survivors) + _holders(survivors)
        return "\n".join(lines + [f"  {line}" for line in holders[:SHOWN]])
    shapes = sorted({describe_path(cycle) for cycle in cycles},
                    key=lambda shape: (len(shape), shape))  # the shortest, easiest to read, first
    lines.append(_("Reference cycles keep them (the cyclic garbage collector was off, "
                   "so nothing else could):"))
    lines += [f"    {shape}" for shape in shapes[:SHOWN]]
    if len(shapes) > SHOWN:
        lines.append("    " + _("... and {n} more kinds of cycle").format(n=len(shapes) - SHOWN))
    held = [obj for obj in variables_first if id(obj) not in on_cycles]
    holds = sorted(set(held_through(cycles, held)))
    if holds:
        lines.append("  " + _("and, held through them: {links}").format(
            links=", ".join(holds[:SHOWN])))
    # Every report explains itself: the runner shows one in full, whichever a learner
    # should read first (kata.ordering), and names the others in one line each.
    lines.append(_("Each arrow is a reference; the last leads back to the start, so every "
                   "object in the ring is still referred to, and reference counting never "
                   "frees it."))
    if guide == GUIDE:
        lines.append(_("What to change: {guide}, \"Reading a leak report\".").format(
            guide=_in_language(guide)))
    else:
        lines.append(_("What to change: {guide} (how to read this report: {leak_guide}, "
                       "\"Reading a leak report\").").format(guide=_in_language(guide),
                                                           leak_guide=_in_language(GUIDE)))
    lines.append(draw(_examples(cycles), name))
    return "\n".join(lines)


def _in_language(path: str) -> str:
    """A guide's path in the learner's language: steps/step17/README.ko.md for Korean."""
    return rel(localized(ROOT / path))


def _counted(objects: list) -> str:
    """`4 Variable, 2 Square, 1 Exp`: the survivors by class, the most numerous first (each
    count one message, so that a language can put the number after the class)."""
    counts = Counter(type(obj).__name__ for obj in objects)
    return ", ".join(_("{n} {kind}").format(n=n, kind=kind)
                     for kind, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _is_variable(obj) -> bool:
    return any(cls.__name__ == "Variable" for cls in type(obj).__mro__)


# -- finding cycles: a walk over the references themselves ---------------------------------------

Cycle = list  # [(object, label of its reference to the next object), ...]; the last leads back


def find_cycles(survivors: list) -> list[Cycle]:
    """Cycles through the survivors, each found once (at most SEARCHES searches)."""
    cycles: list[Cycle] = []
    on_cycles: set[int] = set()
    for obj in survivors[:SEARCHES]:
        if id(obj) in on_cycles:
            continue
        cycle = find_cycle(obj)
        if cycle:
            cycles.append(cycle)
            on_cycles.update(id(node) for node, _label in cycle)
    return cycles


def find_cycle(start) -> Cycle | None:
    """The shortest path of references from `start` back to itself, or None.

    A breadth-first walk over what each object refers to (attributes, items), naming each
    step. objgraph's find_backref_chain cannot do this: an unreachable cycle has no path
    from a module, so it returns just [obj].
    """
    parents: dict[int, tuple[object, str]] = {}  # id -> (the object it was reached from, label)
    queue, visited = [start], {id(start): start}  # visited holds them: ids stay unique
    for node in queue:
        for label, target in references(node):
            if target is start:
                return _unwind(parents, node, label, start)
            if id(target) not in visited and len(visited) < SEARCH_LIMIT:
                visited[id(target)] = target
                parents[id(target)] = (node, label)
                queue.append(target)
    return None


def _unwind(parents: dict, last, label: str, start) -> Cycle:
    cycle = [(last, label)]
    while last is not start:
        last, label = parents[id(last)]
        cycle.append((last, label))
    return cycle[::-1]


def references(obj) -> Iterator[tuple[str, object]]:
    """(label, target) for each object `obj` refers to, labelled the way code reaches it.

    `.name` for an attribute, `[0]` or `['key']` for an item. Types, modules, functions and
    frames are not followed: every object refers to its type, and a walk through modules
    would wander over the whole program.
    """
    if isinstance(obj, NOT_FOLLOWED):
        return
    for label, target in _labelled_referents(obj):
        if not isinstance(target, NOT_FOLLOWED):
            yield label, target


NOT_FOLLOWED = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType,
                types.FrameType)


def _labelled_referents(obj) -> Iterator[tuple[str, object]]:
    if isinstance(obj, dict):
        yield from ((f"[{key!r}]", value) for key, value in obj.items())
    elif isinstance(obj, CONTAINERS):
        yield from ((f"[{index}]", item) for index, item in enumerate(obj))
    elif isinstance(getattr(obj, "__dict__", None), dict):
        yield from ((f".{name}", value) for name, value in vars(obj).items())
    else:
        slots = [name for cls in type(obj).__mro__ for name in getattr(cls, "__slots__", ())
                 if hasattr(obj, name)]
        if slots:
            yield from ((f".{name}", getattr(obj, name)) for name in slots)
        else:
            yield from (("", target) for target in gc.get_referents(obj))


def describe_path(cycle: Cycle) -> str:
    """`Variable.creator → Square → Square.outputs[0] → Variable`: containers fold into labels."""
    return " → ".join(_hop(holder, labels, target) for holder, labels, target in _hops(cycle))


def _hops(cycle: Cycle) -> Iterator[tuple[object, str, object]]:
    """(holder, labels, target) for each reference between two non-container objects."""
    holder, labels = cycle[0]
    for node, label in cycle[1:]:
        if isinstance(node, CONTAINERS):
            labels += label
        else:
            yield holder, labels, node
            holder, labels = node, label
    yield holder, labels, cycle[0][0]


def _hop(holder, labels: str, target) -> str:
    return f"{type(holder).__name__}{labels} → {type(target).__name__}"


def held_through(cycles: list[Cycle], held: list) -> Iterator[str]:
    """How the survivors on no cycle are reached from the cycles: their last reference."""
    wanted = {id(obj) for obj in held}
    # (object, the last non-container on the way to it, the labels since that one)
    queue = [(node, node, "") for cycle in cycles for node, _label in cycle]
    visited = {id(node) for node, _holder, _labels in queue}
    for node, holder, labels in queue:
        for label, target in references(node):
            if id(target) in visited or len(visited) >= SEARCH_LIMIT:
                continue
            visited.add(id(target))
            if isinstance(target, CONTAINERS):
                queue.append((target, holder, labels + label))
                continue
            if id(target) in wanted:
                yield _hop(holder, labels + label, target)
            queue.append((target, target, ""))


def _names_holding(objects: list) -> list[str]:
    """Local variables on the call stack that still refer to one of `objects`."""
    wanted = {id(obj) for obj in objects}
    found = []
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_globals.get("__name__") != __name__:
            for name, value in frame.f_locals.items():
                if id(value) in wanted:
                    found.append(_("`{name}` in {function}() still refers to a {kind}: `del "
                                   "{name}` before the block ends").format(
                                       name=name, function=frame.f_code.co_name,
                                       kind=type(value).__name__))
        frame = frame.f_back
    return found[:SHOWN]


def _holders(objects: list) -> list[str]:
    """Who else holds `objects`: a module global, or a list (dict, set) that one holds, or a
    class attribute; `the list `history`, a global of dezero.py, holds a Variable`."""
    inside = {id(obj) for obj in objects}
    modules = {id(vars(module)): module for module in list(sys.modules.values())
               if isinstance(getattr(module, "__dict__", None), dict)}
    found: dict[str, None] = {}
    for index in range(min(len(objects), SEARCHES)):
        obj = objects[index]
        for referrer in gc.get_referrers(obj):
            if referrer is objects or id(referrer) in inside or isinstance(referrer,
                                                                        types.FrameType):
                continue
            holder = _home(referrer, obj, inside, modules)
            if holder:
                found[_("{holder} holds a {kind}: take it out (or `del` the holder) before the "
                        "block ends").format(holder=holder, kind=type(obj).__name__)] = None
    return list(found)


def _home(referrer, held, inside: set[int], modules: dict) -> str:
    """Where `referrer`, which refers to `held`, lives, in words; '' if not known (or it is
    a part of the leaked objects themselves)."""
    if id(referrer) in modules:  # a module global refers to `held` itself
        return _("`{name}`, a global of {module},").format(
            name=_key_of(referrer, held), module=_module_name(modules[id(referrer)]))
    if not isinstance(referrer, CONTAINERS):  # an object's attribute refers to `held` itself
        return _attribute_home(referrer, held)
    if isinstance(referrer, dict):  # the object's __dict__, where Python keeps one (3.10)
        owner = next((obj for obj in gc.get_referrers(referrer)
                      if getattr(obj, "__dict__", None) is referrer), None)
        if owner is not None and not isinstance(owner, (type, types.ModuleType)):
            return "" if id(owner) in inside else _attribute_home(owner, held)
    kind = type(referrer).__name__
    for owner in gc.get_referrers(referrer):
        if id(owner) in inside or owner is held:
            return ""  # a list of the survivors themselves (Function.inputs, ...)
        if id(owner) in modules:
            return _("the {kind} `{name}`, a global of {module},").format(
                kind=kind, name=_key_of(owner, referrer),
                module=_module_name(modules[id(owner)]))
        if isinstance(owner, dict):
            for cls in gc.get_referrers(owner):
                if isinstance(cls, type) and _key_of(vars(cls), referrer):
                    return _("the {kind} {owner}.{name} (a class attribute)").format(
                        kind=kind, owner=cls.__name__, name=_key_of(vars(cls), referrer))
            owner = next((obj for obj in gc.get_referrers(owner)
                          if getattr(obj, "__dict__", None) is owner), None)
            if id(owner) in inside:
                return ""  # an attribute of a survivor: part of what leaked
        found = _attribute_home(owner, referrer, kind)
        if found:
            return found
    return ""


def _attribute_home(owner, held, kind: str = "") -> str:
    """`the list Linear.outputs (an attribute of a Linear still alive)` when `held` is an
    attribute of `owner`, an object that is no class, module or container (`kind`: what
    `held` is, a list say, or '' for a Variable or Function itself); else ''."""
    if owner is None or isinstance(owner, (*NOT_FOLLOWED, *CONTAINERS)):
        return ""
    attributes = getattr(owner, "__dict__", None)
    name = _key_of(attributes, held) if isinstance(attributes, dict) else ""
    if not name:
        return ""
    fields = {"owner": type(owner).__name__, "name": name, "kind": kind}
    if kind:
        return _("the {kind} {owner}.{name} (an attribute of a {owner} still alive)").format(
            **fields)
    return _("{owner}.{name} (an attribute of a {owner} still alive)").format(**fields)


def _key_of(mapping, value) -> str:
    return next((str(key) for key, item in mapping.items() if item is value), "")


def _module_name(module) -> str:
    file = getattr(module, "__file__", None)
    return rel(file) if file else module.__name__


# -- the picture ---------------------------------------------------------------------------------

def picture_name() -> str:
    """A file name for the picture: the running test's name (shortened), or `leak`."""
    test = os.environ.get("PYTEST_CURRENT_TEST", "").split("::")[-1].split(" (")[0]
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", test).strip("-") or "leak"
    if len(name) > NAME_LENGTH:  # keep parametrized cases apart: a digest of the whole name
        digest = hashlib.sha1(name.encode()).hexdigest()[:8]
        name = f"{name[:NAME_LENGTH - 9].rstrip('-')}-{digest}"
    return name


def _examples(cycles: list[Cycle]) -> list[Cycle]:
    """One cycle of each shape (at most SHOWN), to draw."""
    examples, shapes = [], set()
    for cycle in cycles:
        shape = describe_path(cycle)
        if shape not in shapes and len(shapes) < SHOWN:
            shapes.add(shape)
            examples.append(cycle)
    return examples


def dot_source(cycles: list[Cycle]) -> str:
    """The cycles in Graphviz's DOT language: objects as boxes, references as labelled arrows.

    Written from the hops of the report itself (containers folded into the labels), so the
    picture says `creator` and `outputs[0]` on any Python version; objgraph's drawings lose
    attribute names where Python 3.13 keeps attributes without a __dict__ object.
    """
    lines = ["digraph leak {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];',
             '  edge [fontname="Helvetica"];']
    for holder, labels, target in (hop for cycle in cycles for hop in _hops(cycle)):
        for node in (holder, target):
            lines.append(f'  o{id(node)} [label="{type(node).__name__}"];')
        lines.append(f'  o{id(holder)} -> o{id(target)} [label=" {labels.lstrip(".")} "];')
    return "\n".join(dict.fromkeys(lines)) + "\n}\n"  # each node declared once


def draw(cycles: list[Cycle], name: str) -> str:
    """Write the cycles as a .dot file, and as a PNG where Graphviz's `dot` is installed."""
    source = PICTURES / f"{name}.dot"
    try:
        PICTURES.mkdir(parents=True, exist_ok=True)
        source.write_text(dot_source(cycles), encoding="utf-8")
    except OSError as problem:
        return _("(no picture of the cycle: {problem})").format(problem=problem)
    png = source.with_suffix(".png")
    dot = shutil.which("dot")
    if dot and subprocess.run([dot, "-Tpng", str(source), f"-o{png}"], capture_output=True,
                              check=False).returncode == 0:
        return _("Picture of the cycle: {png}").format(png=rel(png))
    return _("The cycle, drawn: {dot} (to view it, install Graphviz, then: dot -Tpng {dot} -o "
             "{png})").format(dot=rel(source), png=rel(png))

