"""Translations kept true to their English source, the way exercism keys its translations.

Every English document a learner reads (the top-level README.md, each step's README.md and
HINTS.md) has a twin in each language of the kata (README.ko.md, HINTS.ko.md) whose first
line names the English text it translates, by its git blob hash:

    <!-- translation of README.md at git blob 3b18e512dba79e4c8300dd08aeb37f8e728b8dad -->

When the English file changes, its hash does, and `make verify` names the translation and
shows the English lines that changed since (git still has the old text). After updating the
translation, `make translation STEP=N` (or `python -m kata translation --stamp`) writes the
new hash. The runner's own sentences are checked against their catalogs here too: every
message marked in kata/ has a translation, and no translation is left whose English is gone.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import string
import subprocess
from pathlib import Path

from kata import i18n, layout
from kata.layout import rel

KEY = re.compile(r"^<!-- translation of (?P<source>\S+) at git blob (?P<blob>[0-9a-f]{40}) -->$")
DOCUMENTS = ("README.md", "HINTS.md")  # in every solutions/stepNN
SHOWN = 12  # changed English lines shown per stale translation


def blob(path: Path) -> str:
    """git's name for the file's content (`git hash-object`), without needing git."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def twin(english: Path, code: str) -> Path:
    return english.with_name(f"{english.stem}.{code}{english.suffix}")


def sources(steps: list[int] | None = None) -> list[Path]:
    """The English documents that must be translated: the README and every step's guide and
    hints, or only those of `steps`."""
    numbers = layout.step_numbers() if steps is None else steps
    found = [] if steps is not None else [layout.ROOT / "README.md"]
    for step in numbers:
        folder = layout.SOLUTIONS / layout.step_name(step)
        found += [folder / name for name in DOCUMENTS if (folder / name).is_file()]
    return found


def _old_text(blob_id: str, repository: Path) -> str | None:
    """The English text a translation was made from, from git's history (None if absent)."""
    try:
        done = subprocess.run(["git", "cat-file", "blob", blob_id], cwd=repository,
                              capture_output=True, check=False)
    except OSError:
        return None
    return done.stdout.decode("utf-8") if done.returncode == 0 else None


def _changes(old: str | None, english: Path) -> list[str]:
    if old is None:
        return ["    (the English it was made from is not in this clone's history: compare "
                "the whole file)"]
    diff = difflib.unified_diff(old.splitlines(), english.read_text("utf-8").splitlines(),
                                lineterm="", n=0)
    lines = [f"    {line}" for line in diff if line[:1] in "+-" and line[:3] not in "+++---"]
    if len(lines) > SHOWN:
        lines = lines[:SHOWN] + [f"    … and {len(lines) - SHOWN} more changed lines"]
    return lines


def check_document(english: Path, code: str) -> list[str]:
    """What is wrong with one translation: missing, unkeyed, or made from older English."""
    translated = twin(english, code)
    if not translated.is_file():
        return [f"{rel(translated)}: missing (the {code} translation of {rel(english)})"]
    first = translated.read_text(encoding="utf-8").split("\n", 1)[0]
    key = KEY.match(first)
    if not key or key["source"] != english.name:
        return [f"{rel(translated)}: its first line must say which English it translates: "
                f"<!-- translation of {english.name} at git blob {blob(english)} -->"]
    if key["blob"] != blob(english):
        old = _old_text(key["blob"], english.parent)
        return [f"{rel(translated)}: {rel(english)} changed since it was translated; the "
                f"English lines that changed:", *_changes(old, english)]
    return []


def stamp(english: Path, code: str) -> bool:
    """Mark a translation as up to date with its English source; True if the key changed."""
    translated = twin(english, code)
    text = translated.read_text(encoding="utf-8")
    line = f"<!-- translation of {english.name} at git blob {blob(english)} -->"
    first, _, rest = text.partition("\n")
    new = f"{line}\n{rest}" if KEY.match(first) else f"{line}\n{text}"
    if new != text:
        translated.write_text(new, encoding="utf-8")
    return new != text


# -- the runner's message catalogs ----------------------------------------------------------------

KEYWORDS = {"_": None, "ngettext": (1, 2)}  # how kata.i18n marks a message


def _extracted():
    """(message, where) for every message marked in kata/; a plural's message is a tuple."""
    from babel.messages.extract import extract_from_dir

    for name, line, message, _comments, _context in extract_from_dir(
            layout.ROOT / "kata", [("**.py", "python")], keywords=KEYWORDS):
        yield message, (f"kata/{name}", line)


def _forms(value) -> tuple:
    """A message's id or string as a tuple: (singular, plural), or the one text."""
    return value if isinstance(value, tuple) else (value,)


def marked_messages() -> dict[str, str]:
    """Every text marked for translation in kata/ (a plural's two) -> where (file:line)."""
    found: dict[str, str] = {}
    for message, (name, line) in _extracted():
        for text in _forms(message):
            found.setdefault(text, f"{name}:{line}")
    return found


def _read(code: str):
    from babel.messages.pofile import read_po

    with open(i18n.catalog(code), "rb") as source:
        return read_po(source, locale=code)


def update_catalog(code: str) -> list[str]:
    """Bring a language's catalog up to the runner's messages: new ones added untranslated,
    gone ones dropped (Babel's update, as `pybabel update` does). Returns the new messages."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = _read(code)
    template = Catalog(locale=None)
    for message, where in _extracted():
        template.add(message, None, [where])
    before = {m.id for m in catalog if m.id}
    created = catalog.creation_date  # kept: a date that changes on every update is churn
    catalog.update(template, no_fuzzy_matching=True)
    catalog.creation_date = created
    catalog.obsolete.clear()
    with open(i18n.catalog(code), "wb") as out:
        write_po(out, catalog, width=100, no_location=True, include_previous=False)
    return [str(m.id) for m in catalog if m.id and m.id not in before]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def check_catalog(code: str) -> list[str]:
    """A catalog misses no marked message, keeps no stale one, and keeps every {field}."""
    path = rel(i18n.catalog(code))
    marked = marked_messages()
    problems, known = [], set()
    for message in _read(code):
        if not message.id:
            continue  # the header
        english = _forms(message.id)
        known.update(english)
        where = marked.get(english[0])
        if where is None:
            problems.append(f"{path}: {english[0]!r} is no longer in the runner (remove it)")
        elif message.fuzzy or not all(_forms(message.string)):
            problems.append(f"{path}: the {code} for {english[0]!r} is empty or fuzzy ({where})")
        else:
            problems += [f"{path}: {english[0]!r} and its {code} name different {{fields}}: "
                         f"{sorted(_fields(english[0]))} vs {sorted(_fields(translated))}"
                         for translated in _forms(message.string)
                         if _fields(translated) != _fields(english[0])]
    problems += [f"{path}: no {code} for {text!r} ({where})"
                 for text, where in sorted(marked.items(), key=lambda item: item[1])
                 if text not in known]
    return problems


def problems(steps: list[int] | None = None) -> list[str]:
    """What is wrong with the translations of `steps`' guides and hints (None: of every
    document, and the catalogs)."""
    found: list[str] = []
    for code in i18n.languages()[1:]:
        for english in sources(steps):
            found += check_document(english, code)
        if steps is None:
            found += check_catalog(code)
    return found


def repository_problems() -> list[str]:
    """What verify checks beyond the steps: the README's translations and the catalogs."""
    found: list[str] = []
    for code in i18n.languages()[1:]:
        found += check_document(layout.ROOT / "README.md", code)
        found += check_catalog(code)
    return found


# -- the command: `make translation [STEP=N] [STAMP=1]` ---------------------------------------

def add_arguments(parser) -> None:
    parser.add_argument("step", nargs="?", default="",
                        help="one step's guide and hints (default: every document and the "
                             "catalogs)")
    parser.add_argument("--stamp", action="store_true",
                        help="after updating a translation: record that it matches the "
                             "English now")
    parser.add_argument("--update-catalog", action="store_true",
                        help="add the runner's new messages to each catalog, untranslated, "
                             "and drop the gone ones")


def run(args) -> int:
    steps = [layout.parse_step(args.step)] if args.step else None
    if args.update_catalog:
        for code in i18n.languages()[1:]:
            added = update_catalog(code)
            print(f"{rel(i18n.catalog(code))}: {len(added)} new messages to translate")
    if args.stamp:
        for code in i18n.languages()[1:]:
            for english in sources(steps):
                if twin(english, code).is_file() and stamp(english, code):
                    print(f"stamped {rel(twin(english, code))}")
    found = problems(steps)
    for line in found:
        print(line)
    if not found:
        print("every translation is up to date with its English source")
    return 1 if found else 0
