"""Translations keyed to their English source: a stale one is named, with what changed."""

from __future__ import annotations

import subprocess

from kata.maintainer import translations


def git(folder, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                          text=True).stdout.strip()


def test_the_blob_hash_is_gits(tmp_path):
    english = tmp_path / "README.md"
    english.write_text("# Step 1\n\nA box.\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    assert translations.blob(english) == git(tmp_path, "hash-object", "README.md")


def test_missing_unkeyed_current_and_stale_translations(tmp_path):
    git(tmp_path, "init", "-q")
    english = tmp_path / "README.md"
    english.write_text("# Step 1\n\nA box.\nIt holds data.\n", encoding="utf-8")
    git(tmp_path, "hash-object", "-w", "README.md")  # as a commit would keep it
    assert "missing" in translations.check_document(english, "ko")[0]

    korean = tmp_path / "README.ko.md"
    korean.write_text("# 1단계\n\n상자.\n", encoding="utf-8")
    assert "first line" in translations.check_document(english, "ko")[0]

    assert translations.stamp(english, "ko")
    assert translations.check_document(english, "ko") == []
    assert not translations.stamp(english, "ko")  # stamping twice changes nothing

    english.write_text("# Step 1\n\nA box.\nIt holds an ndarray.\n", encoding="utf-8")
    problems = translations.check_document(english, "ko")
    assert "README.md changed since it was translated" in problems[0]
    assert problems[1:] == ["    -It holds data.", "    +It holds an ndarray."]



def test_the_catalog_check_names_a_missing_a_stale_and_a_mistranslated_message(
        tmp_path, monkeypatch):
    from kata import i18n

    text = i18n.catalog("ko").read_text(encoding="utf-8")
    assert 'msgid "test: {where}"\n' in text and 'msgid "(step {step}: see {guide})"\n' in text
    text = text.replace('msgid "test: {where}"\n', 'msgid "test, gone: {where}"\n')
    text = text.replace('msgid "(step {step}: see {guide})"\nmsgstr "',
                        'msgid "(step {step}: see {guide})"\nmsgstr "{step} ')
    text = text.replace("{guide} 참고)", "참고)", 1)
    edited = tmp_path / "kata.po"
    edited.write_text(text, encoding="utf-8")
    monkeypatch.setattr(i18n, "catalog", lambda code: edited)
    problems = "\n".join(translations.check_catalog("ko"))
    assert "no ko for 'test: {where}'" in problems
    assert "'test, gone: {where}' is no longer in the runner" in problems
    assert "'(step {step}: see {guide})' and its ko name different {fields}" in problems
