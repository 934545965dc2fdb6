"""Copy a learner's files somewhere safe before anything replaces them."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from kata.layout import ROOT, WORK

BACKUPS = WORK / "backups"


def back_up(files: list[Path], label: str) -> Path:
    """Copy `files` (paths under the repository) into a new timestamped folder; return it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = BACKUPS / f"{label}-{stamp}"
    for path in files:
        target = folder / path.absolute().relative_to(ROOT)  # links are not followed
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
