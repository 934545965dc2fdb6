"""What to say when the learner's `dezero` lacks a name a test asks for.

Up to step 22 `dezero` is one file, and "dezero.py defines no `square`" says it all. From
step 23 it is a package: a name is defined in one of its modules (core_simple.py, later
core.py, functions.py, utils.py, layers.py, ...) and offered by `__init__.py`. Which module
is read from that step's reference solution (solutions/stepNN/dezero/), so a new step needs
no table here: its solution says where each name lives.
"""

from __future__ import annotations

import ast
import functools
import importlib
from pathlib import Path

from kata.i18n import _, localized
from kata.layout import SOLUTIONS, guide, rel, step_name


def describe(module, name: str, where: str, step: int) -> str:
    """The message for `dezero.<name>` missing from `module` (`where`: its file, for a
    learner), at `step`."""
    see = _("(step {step}: see {guide})").format(step=step, guide=rel(localized(guide(step))))
    package = _package_folder(module)
    home = home_module(step, name) if package else None
    if home is None:
        return _("{file} defines no `{name}` {see}").format(file=where, name=name, see=see)
    init = rel(package / "__init__.py")
    if home == "__init__":
        return _("{init} defines no `{name}`: define it there {see}").format(
            init=init, name=name, see=see)
    if home == name:  # a module of the package, such as dezero.utils
        return _("{init} offers no module `{name}`: write {file} {see}").format(
            init=init, name=name, file=rel(package / f"{name}.py"), see=see)
    defining = package / f"{home}.py"
    offer = f"`from dezero.{home} import {name}`"
    if name in defined_names(defining):
        return _("{file} defines `{name}`, but {init} does not offer it: add {offer} there "
                 "{see}").format(file=rel(defining), name=name, init=init, offer=offer, see=see)
    return _("dezero has no `{name}`: define it in {file}, and offer it in {init} ({offer}) "
             "{see}").format(name=name, file=rel(defining), init=init, offer=offer, see=see)


def submodule(module, name: str, default):
    """`dezero.utils` as `import dezero.utils` gives it, where the learner's package has
    that module but nothing imported it yet; `default` otherwise."""
    package = _package_folder(module)
    if package is None or not ((package / f"{name}.py").exists()
                               or (package / name / "__init__.py").exists()):
        return default
    return importlib.import_module(f"dezero.{name}")


def _package_folder(module) -> Path | None:
    """The folder of the learner's package `dezero` itself; None for dezero.py or a
    submodule (there the file that lacks the name is the one to name)."""
    file = getattr(module, "__file__", None)
    if getattr(module, "__name__", "") != "dezero" or not file:
        return None
    path = Path(file)
    return path.parent if path.name == "__init__.py" else None


def home_module(step: int, name: str) -> str | None:
    """The module of the step's reference package that `__init__.py` takes `name` from:
    `core_simple`, `utils`, ...; `__init__` if defined there; None if the solution lacks it.

    A module of that name (dezero/utils.py for `utils`) counts as its own home.
    """
    package = SOLUTIONS / step_name(step) / "dezero"
    init = package / "__init__.py"
    if not init.exists():
        return None
    if (package / f"{name}.py").exists() or (package / name / "__init__.py").exists():
        return name
    imported = _imported_from(init).get(name)
    if imported:
        return imported
    if name in defined_names(init):
        return "__init__"
    for path in sorted(package.glob("*.py")):  # defined, though __init__ does not offer it
        if path.name != "__init__.py" and name in defined_names(path):
            return path.stem
    return None


@functools.cache
def _imported_from(init: Path) -> dict[str, str]:
    """name -> the module of the package `__init__.py` imports it from; where several
    imports offer a name (if is_simple_core: ... else: ...), the last one counts."""
    found: dict[str, str] = {}
    for node in ast.walk(_parsed(init)):
        if isinstance(node, ast.ImportFrom) and node.module:
            module = node.module.removeprefix("dezero.") if node.level == 0 else node.module
            if node.level == 0 and not node.module.startswith("dezero."):
                continue  # numpy and friends
            for alias in node.names:
                found[alias.asname or alias.name] = module.split(".")[0]
    return found


def defined_names(path: Path) -> set[str]:
    """The names a module file defines at its top level (classes, functions, assignments)."""
    try:
        tree = _parsed(path)
    except (OSError, SyntaxError):
        return set()
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(target.id for target in targets if isinstance(target, ast.Name))
    return names


def _parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
