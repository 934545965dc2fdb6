"""What the runner's Korean tests share: the language switched on or off, Hangul, widths."""

from __future__ import annotations

import re

import pytest

from kata import i18n, screen

HANGUL = re.compile("[\uac00-\ud7a3]")


def fits(text: str, width: int = screen.WIDTH) -> None:
    """Every line of `text` within `width` display columns (Hangul takes two)."""
    wide = [line for line in text.splitlines() if screen.display_width(line) > width]
    assert not wide, "\n".join(wide)


def speak(monkeypatch, tmp_path, code: str | None) -> None:
    """The runner speaks `code` (None: no setting anywhere, English), with no saved choice."""
    monkeypatch.setattr(i18n, "CHOICE", tmp_path / "lang")
    for name in ("KATA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    if code:
        monkeypatch.setenv("KATA_LANG", code)
        monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture
def korean(monkeypatch, tmp_path):
    """KATA_LANG=ko on a 100-column screen (verify checks that the catalog is complete)."""
    speak(monkeypatch, tmp_path, "ko")


@pytest.fixture
def english(monkeypatch, tmp_path):
    """No language setting anywhere: the runner speaks English."""
    speak(monkeypatch, tmp_path, None)
