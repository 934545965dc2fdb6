"""A step's exercise file (steps 25, 27–31): a module the learner writes beside `dezero`.

Tests load it from the folder under test with `load`; a missing file or name fails one test
in plain words. A file that imports dezero needs the `dezero` fixture first (it puts the
folder on the path).
"""

import importlib.util
from pathlib import Path

from kata import checks
from kata.layout import rel
from kata.pytest_plugin import LearnerModule


def load(folder: Path, name: str, step: int) -> LearnerModule:
    """Import folder/name afresh, under a module name of its own (nothing is cached)."""
    path = folder / name
    checks.is_true(path.exists(), f"{rel(path)} is missing: it is step {step}'s exercise file")
    spec = importlib.util.spec_from_file_location(f"kata_step{step:02d}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return LearnerModule(module, rel(path), step)
