"""The runner's language: how it is chosen, and how its catalogs and documents are found."""

from __future__ import annotations

import pytest

from kata import i18n

LOCALE_VARIABLES = ("KATA_LANG", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def speaking(monkeypatch, tmp_path):
    """A clean environment with no saved choice; returns a function that sets variables."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(i18n, "CHOICE", tmp_path / "lang")

    def set_variables(**values: str) -> str:
        for name, value in values.items():
            monkeypatch.setenv(name, value)
        return i18n.language()

    return set_variables


def test_english_without_any_setting(speaking):
    assert speaking() == "en"


@pytest.mark.parametrize("variable", ["LANG", "LC_MESSAGES", "LC_ALL", "KATA_LANG"])
def test_a_korean_locale_or_kata_lang_gives_korean(speaking, variable):
    value = "ko" if variable == "KATA_LANG" else "ko_KR.UTF-8"
    assert speaking(**{variable: value}) == "ko"


def test_the_locale_variables_are_read_in_posix_order(speaking):
    assert speaking(LANG="ko_KR.UTF-8", LC_ALL="en_US.UTF-8") == "en"
    assert speaking(LC_MESSAGES="ko_KR.UTF-8") == "en"  # LC_ALL still wins


def test_a_language_without_a_catalog_falls_back_to_english(speaking):
    assert speaking(LANG="fr_FR.UTF-8") == "en"
    assert speaking(LANG="C.UTF-8") == "en"


def test_the_saved_choice_wins_over_the_locale_and_kata_lang_over_both(speaking):
    i18n.save("ko")
    assert speaking(LANG="en_US.UTF-8") == "ko"
    assert speaking(KATA_LANG="en") == "en"


def test_a_korean_document_is_found_beside_the_english_one(speaking, tmp_path):
    english = tmp_path / "README.md"
    english.write_text("guide", encoding="utf-8")
    assert i18n.localized(english) == english  # English: the English file
    speaking(KATA_LANG="ko")
    assert i18n.localized(english) == english  # no Korean twin yet: English again
    (tmp_path / "README.ko.md").write_text("안내서", encoding="utf-8")
    assert i18n.localized(english) == tmp_path / "README.ko.md"


def test_the_korean_catalog_compiles_and_translates(speaking):
    speaking(KATA_LANG="ko")
    assert i18n.translation("ko").gettext("an English sentence with no entry") == \
        "an English sentence with no entry"
