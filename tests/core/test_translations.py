"""The es, pt and fr catalogues are complete and up to date with the source."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

import intercity

PACKAGE_DIR = Path(intercity.__file__).resolve().parent
LANGUAGES = ["es", "pt", "fr"]


def read_catalogue(path):
    """Map msgid -> (msgstr, fuzzy) for a .po file (plural forms keep their first msgstr)."""
    entries, text = {}, path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        fuzzy = "#, fuzzy" in block or re.search(r"^#,.*\bfuzzy\b", block, re.M) is not None
        msgid = _join(re.search(r'^msgid ((?:".*"\n?)+)', block, re.M))
        msgstr = _join(re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M))
        if msgid:
            entries[msgid] = (msgstr, fuzzy)
    return entries


def _join(match):
    if not match:
        return ""
    return "".join(re.findall(r'"(.*)"', match.group(1)))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    catalogue = read_catalogue(PACKAGE_DIR / "locale" / language / "LC_MESSAGES" / "django.po")
    assert len(catalogue) > 50
    missing = sorted(msgid for msgid, (msgstr, fuzzy) in catalogue.items() if not msgstr or fuzzy)
    assert missing == [], f"{language}: {len(missing)} untranslated or fuzzy, e.g. {missing[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogues_compile_without_errors(language, tmp_path):
    po = PACKAGE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_catalogues_contain_every_message_of_the_source(tmp_path, monkeypatch):
    copy = tmp_path / "intercity"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "vendor", "*.mo"))
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["es"], verbosity=0, no_obsolete=True)
    fresh = set(read_catalogue(copy / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    committed = set(read_catalogue(PACKAGE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    missing = sorted(fresh - committed)
    assert missing == [], f"run makemessages and translate: {missing[:10]}"
