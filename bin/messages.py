"""`make messages`: extract the core's and each bundled plugin's messages, fill in known Chinese, compile.

The core's Chinese lives in bin/zh_core.py; each plugin keeps its own in its .po file.
Anything left untranslated is listed, and tests/core/test_i18n.py fails on it.
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bin")]
from zh_core import PLURALS, ZH  # noqa: E402

DJANGO_ADMIN = [sys.executable, "-m", "django"]


def app_dirs():
    yield ROOT / "site" / "cunwu"
    for plugin in sorted((ROOT / "plugins").iterdir()):
        if (plugin / "apps.py").is_file():
            yield plugin


def english_is_the_source(path):
    """The English catalogue carries no translations: the msgids are the English. msgmerge fills it with guesses
    from similar messages ("Choose a matter" -> "Correct matter"), which English readers would see."""
    po = polib.pofile(str(path))
    for entry in po:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        entry.msgstr = ""
        entry.msgstr_plural = {index: "" for index in entry.msgstr_plural}
    po.save()


def main():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cunwu.settings.dev", "PYTHONPATH": f"{ROOT / 'site'}:{ROOT / 'plugins'}"}
    missing = 0
    for folder in app_dirs():
        (folder / "locale").mkdir(exist_ok=True)
        subprocess.run([*DJANGO_ADMIN, "makemessages", "-l", "zh_Hans", "-l", "en", "--no-obsolete",
                        "--ignore", "scaffold/*"], cwd=folder, env=env, check=True)
        po_path = folder / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(po_path))
        for entry in po:
            if "fuzzy" in entry.flags:
                # msgmerge's guess from a similar message is usually wrong ("Add" -> "地址"): never ship it.
                entry.flags.remove("fuzzy")
                entry.msgstr, entry.previous_msgid, entry.previous_msgid_plural = "", None, None
                entry.msgstr_plural = {index: "" for index in entry.msgstr_plural}
            if folder.name == "cunwu":  # the core's Chinese is bin/zh_core.py: it wins over what the file holds
                if entry.msgid_plural and entry.msgid in PLURALS:
                    entry.msgstr_plural = dict(enumerate(PLURALS[entry.msgid]))
                elif entry.msgid in ZH:
                    entry.msgstr = ZH[entry.msgid]
            if not entry.translated():
                missing += 1
                print(f"untranslated in {folder.name}: {entry.msgid!r}")
        po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
        po.save()
        english_is_the_source(folder / "locale" / "en" / "LC_MESSAGES" / "django.po")
        subprocess.run([*DJANGO_ADMIN, "compilemessages"], cwd=folder, env=env, check=True, capture_output=True)
    print(f"{missing} untranslated")


if __name__ == "__main__":
    main()
