"""What the runner's Korean tests share: the language switched on or off, Hangul, widths."""

from __future__ import annotations

import re

from kata import i18n, layout, screen

HANGUL = re.compile("[\uac00-\ud7a3]")


def fits(text: str, width: int = screen.WIDTH) -> None:
    """Every line of `text` within `width` display columns (Hangul takes two)."""
    wide = [line for line in text.splitlines() if screen.display_width(line) > width]
    assert not wide, "\n".join(wide)


def speak(monkeypatch, tmp_path, code: str | None, sample: str = "") -> None:
    """The runner speaks `code` (None: no setting anywhere, English), with no saved choice;
    for Korean, `sample` (one of the messages under test) must have its translation."""
    monkeypatch.setattr(i18n, "CHOICE", tmp_path / "lang")
    for name in ("KATA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    if code:
        monkeypatch.setenv("KATA_LANG", code)
        monkeypatch.setenv("COLUMNS", "100")
        assert not sample or HANGUL.search(i18n._(sample)), (
            f"{layout.rel(i18n.catalog(code))} lacks the Korean of {sample!r}")
