"""Chinese first: every catalogue of the core and the bundled plugins is complete in zh_Hans and en, and compiled."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE_DIRS = [ROOT / "site" / "cunwu"] + sorted(p for p in (ROOT / "plugins").iterdir() if (p / "apps.py").is_file())


@pytest.mark.parametrize("folder", CATALOGUE_DIRS, ids=lambda p: p.name)
def test_catalogues_are_complete_and_compiled(folder):
    zh_po = folder / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    en_po = folder / "locale" / "en" / "LC_MESSAGES" / "django.po"
    assert zh_po.is_file() and en_po.is_file(), f"run `make messages` for {folder.name}"
    zh = polib.pofile(str(zh_po))
    live = [entry for entry in zh if not entry.obsolete]
    untranslated = [entry.msgid for entry in live if not entry.translated() or "fuzzy" in entry.flags]
    assert not untranslated, f"{folder.name}: untranslated {untranslated[:10]}"
    en = polib.pofile(str(en_po))
    assert {e.msgid for e in live} <= {e.msgid for e in en if not e.obsolete}, f"{folder.name}: the English catalogue lacks messages"
    compiled = polib.mofile(str(zh_po.with_suffix(".mo")))
    assert {e.msgid for e in compiled if e.msgid} >= {e.msgid for e in live}, f"{folder.name}: the .mo is stale"


@pytest.mark.parametrize("folder", CATALOGUE_DIRS, ids=lambda p: p.name)
def test_the_english_catalogue_is_the_source_text(folder):
    """English readers read the msgids; a msgstr there is a guess msgmerge made from a similar message, which
    showed "Choose a matter" as "Correct matter" (bin/messages.py clears them)."""
    for po_file in ("django.po", "django.mo"):
        catalogue = (polib.pofile if po_file.endswith("po") else polib.mofile)(
            str(folder / "locale" / "en" / "LC_MESSAGES" / po_file))
        guessed = [entry.msgid for entry in catalogue
                   if entry.msgid and entry.msgstr and entry.msgstr != entry.msgid or "fuzzy" in entry.flags]
        assert not guessed, f"{folder.name} {po_file}: English replaced by other messages: {guessed[:5]}"


def test_the_admin_speaks_chinese_by_default(client, town, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.com", "pw"))
    response = client.get("/admin/town-settings/", HTTP_HOST="localhost")
    assert "本镇设置" in response.text and "保存" in response.text


def test_source_strings_translate_to_chinese():
    from cunwu.towns.models import Role

    with translation.override("zh-hans"):
        assert str(Role.SUPERVISOR.label) == "纪检监督员"
    with translation.override("en"):
        assert str(Role.SUPERVISOR.label) == "Discipline supervisor"
