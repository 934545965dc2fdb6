"""`make lang L=ko`: the language the runner speaks from now on (kept in .kata/lang)."""

from __future__ import annotations

from kata import i18n
from kata.i18n import _
from kata.layout import UsageError
from kata.screen import say

NAMES = {"en": "English", "ko": "한국어"}  # each language by its own name


def add_arguments(parser) -> None:
    parser.add_argument("code", nargs="?", default="",
                        help=f"one of {', '.join(i18n.languages())} (default: show the "
                             f"language now)")


def run(args) -> int:
    if not args.code:
        print(_("the runner speaks: {code} (make lang L=ko for Korean, L=en for English)")
              .format(code=i18n.language()))
        return 0
    if args.code not in i18n.languages():
        raise UsageError(_("L must be one of {codes}, not {code!r}").format(
            codes=", ".join(i18n.languages()), code=args.code))
    i18n.save(args.code)
    code = i18n.language()
    say(_("from now on the runner speaks {name} ({code}); KATA_LANG=.. still wins for one "
          "command").format(name=NAMES.get(code, code), code=code))
    return 0
