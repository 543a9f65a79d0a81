"""Chinese first: every message of the plugin is translated, and the compiled catalogue matches the source."""

from pathlib import Path

import polib

import disclosure

LOCALE = Path(disclosure.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_every_message_is_translated_and_compiled():
    po = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []
    assert po.percent_translated() == 100
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural for entry in polib.mofile(str(LOCALE / "django.mo"))}
    source = {(entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
              for entry in po.translated_entries() if not entry.obsolete}
    assert compiled == source, "run compilemessages"
