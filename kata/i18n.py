"""The runner's language: English, or another language the learner asks for.

The learner chooses once with `make lang L=ko` (kept in .kata/lang), for one command with
`KATA_LANG=ko`, or through the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one set,
as POSIX reads them); `KATA_LANG` wins over .kata/lang, which wins over the locale.

The runner's sentences are marked with `_()` (and `ngettext()` where a number decides the
English word) and translated through the standard gettext catalogs in kata/locale/LANG/
LC_MESSAGES/kata.po. The catalog is compiled with Babel on first use into .kata/locale (the
runner's own folder), and again whenever the .po file changes. Adding a language is adding
its .po file and its guides (see README's "For maintainers").
"""

from __future__ import annotations

import gettext
import hashlib
import os
from functools import cache
from pathlib import Path

ENGLISH = "en"
LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "kata"
ROOT = LOCALE.parent.parent
CHOICE = ROOT / ".kata" / "lang"  # what `make lang L=..` keeps
COMPILED = ROOT / ".kata" / "locale"


def languages() -> list[str]:
    """English and every language with a catalog, e.g. ["en", "ko"]."""
    found = sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [ENGLISH, *found]


def _from_locale() -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return value
    return ""


def _short(value: str) -> str:
    """"ko_KR.UTF-8" -> "ko"; "C", "POSIX" or an unknown language -> English."""
    code = value.strip().split(".")[0].split("_")[0].split("-")[0].lower()
    return code if code in languages() else ENGLISH


def saved() -> str:
    """The language kept by `make lang`, or "" when none was chosen."""
    try:
        return CHOICE.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def language() -> str:
    """The language the runner speaks now."""
    return _short(os.environ.get("KATA_LANG") or saved() or _from_locale())


def save(code: str) -> str:
    """Keep `code` as the learner's language (for `make lang`); returns what was kept."""
    code = _short(code)
    CHOICE.parent.mkdir(parents=True, exist_ok=True)
    CHOICE.write_text(code + "\n", encoding="utf-8")
    translation.cache_clear()
    return code


def catalog(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def _compiled(code: str) -> Path:
    """The .mo file of a language's catalog, compiled now if the .po changed since."""
    source = catalog(code).read_bytes()
    digest = hashlib.sha1(source).hexdigest()[:12]
    target = COMPILED / digest / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not target.is_file():
        from io import BytesIO

        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        messages = read_po(BytesIO(source), locale=code)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")  # parallel runs: no torn file
        with open(partial, "wb") as out:
            write_mo(out, messages)
        os.replace(partial, target)
    return target.parent.parent.parent


@cache
def translation(code: str) -> gettext.NullTranslations:
    if code == ENGLISH or not catalog(code).is_file():
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=_compiled(code), languages=[code])


def _(message: str) -> str:
    """`message` in the learner's language (English where the catalog has no entry)."""
    return translation(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural sentence for `n`, in the learner's language."""
    return translation(language()).ngettext(singular, plural, n)


def localized(path: Path) -> Path:
    """A document in the learner's language where it exists: README.md -> README.ko.md."""
    code = language()
    if code == ENGLISH:
        return path
    twin = path.with_name(f"{path.stem}.{code}{path.suffix}")
    return twin if twin.is_file() else path
