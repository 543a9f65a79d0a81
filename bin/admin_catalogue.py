"""Refresh site/cunwu/admin_locale: the admin strings of Wagtail, Django and the libraries the admin shows
that their own zh_Hans catalogues leave untranslated.

    .venv/bin/python bin/admin_catalogue.py            # add newly missing msgids, drop dead ones, compile
    .venv/bin/python bin/admin_catalogue.py --check    # only list what is still untranslated (exit 1 if any)

The source of msgids is each installed third-party app's English catalogue (its source catalogue), plus the
libraries the admin renders without their being apps (django-filter). A msgid is missing when no zh_Hans
catalogue Django loads translates it. Translations already in admin_locale are kept, so the .po here is the
place to write (and improve) the Chinese; this tool never invents any. The English catalogue beside it has
msgstr = msgid, so `en` is complete too. The project's own apps (site/, plugins/) are not looked at: their
catalogues live with them.
"""

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "site" / "cunwu" / "admin_locale"
DOMAINS = ("django", "djangojs")

# Used by Wagtail's listing filters but not an installed app, so Django never loads its catalogue
# (and it ships zh_CN only, which Django does not use for zh-hans).
LIBRARIES = ("django_filters",)

# msgids in Wagtail 7.4's code that its shipped English catalogue predates (found by running makemessages
# over a copy of the wagtail package).
EXTRA = {"django": [(None, 'You do not have permission to publish pages at "%(page_title)s"', None)]}

HEADER = {
    "zh_Hans": {"Language": "zh_Hans", "Plural-Forms": "nplurals=1; plural=0;"},
    "en": {"Language": "en", "Plural-Forms": "nplurals=2; plural=(n != 1);"},
}


def setup_django():
    sys.path[:0] = [str(ROOT / "site"), str(ROOT / "plugins")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cunwu.settings.dev")
    import django

    django.setup()


def locale_dirs():
    """The locale folders Django reads for the installed apps (and django/conf), minus the project's own."""
    import importlib

    import django
    from django.apps import apps

    dirs = [Path(django.__file__).parent / "conf" / "locale"]
    dirs += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    dirs += [Path(importlib.import_module(name).__file__).parent / "locale" for name in LIBRARIES]
    own = (ROOT / "site", ROOT / "plugins")
    return [d for d in dirs if d.is_dir() and not any(o in d.resolve().parents for o in own)]


def source_catalogue(folder, domain):
    """The English (source) catalogue, or failing that any catalogue: only its msgids are used."""
    candidates = [folder / "en" / "LC_MESSAGES" / f"{domain}.po"]
    candidates += sorted(folder.glob(f"*/LC_MESSAGES/{domain}.po"))
    return next((polib.pofile(str(p)) for p in candidates if p.is_file()), None)


def loaded_by_django(folder):
    return folder.parent.name not in LIBRARIES


def key(entry):
    return (entry.msgctxt, entry.msgid)


def wanted_and_translated(domain):
    """Every admin msgid of the domain (key -> a source entry), and the keys some loaded zh_Hans catalogue translates."""
    wanted, translated, suggestions = {}, set(), {}
    for folder in locale_dirs():
        source = source_catalogue(folder, domain)
        if source is None:
            continue
        for entry in source:
            if entry.msgid and not entry.obsolete:
                wanted.setdefault(key(entry), entry)
        for lang in ("zh_Hans", "zh_CN"):
            path = folder / lang / "LC_MESSAGES" / f"{domain}.po"
            if not path.is_file():
                continue
            for entry in polib.pofile(str(path)):
                if entry.translated() and "fuzzy" not in entry.flags:
                    if lang == "zh_Hans" and loaded_by_django(folder):
                        translated.add(key(entry))
                    else:
                        suggestions.setdefault(key(entry), entry)
    for msgctxt, msgid, plural in EXTRA.get(domain, []):
        wanted.setdefault((msgctxt, msgid), polib.POEntry(msgctxt=msgctxt, msgid=msgid, msgid_plural=plural or ""))
    return wanted, translated, suggestions


def refresh(domain):
    wanted, translated, suggestions = wanted_and_translated(domain)
    zh_path = OUT / "zh_Hans" / "LC_MESSAGES" / f"{domain}.po"
    kept = {key(e): e for e in polib.pofile(str(zh_path))} if zh_path.is_file() else {}
    zh, en = polib.POFile(wrapwidth=0), polib.POFile(wrapwidth=0)
    zh.metadata = {"Content-Type": "text/plain; charset=UTF-8", **HEADER["zh_Hans"]}
    en.metadata = {"Content-Type": "text/plain; charset=UTF-8", **HEADER["en"]}
    for k in sorted(wanted, key=lambda k: (k[1], k[0] or "")):
        source = wanted[k]
        if k in translated and k not in kept:
            continue
        old = kept.get(k) or suggestions.get(k)
        # A translator may set flags (e.g. no-python-format where Chinese needs fewer of a plural's placeholders).
        flags = (kept[k] if k in kept else source).flags
        entry = polib.POEntry(msgctxt=source.msgctxt, msgid=source.msgid, msgid_plural=source.msgid_plural,
                              flags=[f for f in flags if f != "fuzzy"], occurrences=source.occurrences[:3])
        if source.msgid_plural:
            entry.msgstr_plural = {0: old.msgstr_plural.get(0, "")} if old is not None and old.msgstr_plural else {0: ""}
        else:
            entry.msgstr = old.msgstr if old is not None else ""
        zh.append(entry)
        en.append(polib.POEntry(msgctxt=source.msgctxt, msgid=source.msgid, msgid_plural=source.msgid_plural,
                                flags=source.flags, msgstr="" if source.msgid_plural else source.msgid,
                                msgstr_plural={0: source.msgid, 1: source.msgid_plural} if source.msgid_plural else {}))
    return zh, en


def untranslated(po):
    return [e for e in po if not e.translated()]


def main(check=False):
    setup_django()
    missing = []
    for domain in DOMAINS:
        zh, en = refresh(domain)
        missing += [(domain, e) for e in untranslated(zh)]
        if check:
            continue
        for lang, po in (("zh_Hans", zh), ("en", en)):
            path = OUT / lang / "LC_MESSAGES" / f"{domain}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
            subprocess.run(["msgfmt", "--check-format", "-o", str(path.with_suffix(".mo")), str(path)], check=True)
    for domain, entry in missing:
        print(f"untranslated ({domain}): {entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}")
    print(f"{len(missing)} untranslated")
    return 1 if check and missing else 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv[1:]))
