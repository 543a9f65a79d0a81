"""`manage.py startplugin NAME`: a pip-installable cunwu plugin package, ready to migrate and test."""

import keyword
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.migrations.loader import MigrationLoader

SCAFFOLD = Path(__file__).resolve().parents[2] / "scaffold" / "project"
SUFFIX = "-tpl"


def leaf_migration(loader, app_label):
    leaves = [name for app, name in loader.graph.leaf_nodes() if app == app_label]
    if not leaves:
        raise CommandError(f"No migrations found for {app_label!r}; is cunwu installed correctly?")
    return sorted(leaves)[-1]


class Command(BaseCommand):
    help = "Create a new cunwu plugin package (a Django app found through the cunwu.plugins entry point)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Python package name and app label, e.g. fieldvisit")
        parser.add_argument("--directory", "-d", default=".", help="Folder to create the project folder <name>/ in")
        parser.add_argument("--title", help='English name, e.g. "Field visits" (default: from NAME)')
        parser.add_argument("--title-zh", help="Chinese name, e.g. 走访打卡 (default: the English name)")

    def handle(self, name, directory, title=None, title_zh=None, **options):
        from django.apps import apps

        if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or keyword.iskeyword(name):
            raise CommandError(f"{name!r} is not a valid plugin name: use lower-case letters, digits and _.")
        if apps.is_installed(name) or name in {config.label for config in apps.get_app_configs()}:
            raise CommandError(f"{name!r} is already the name of an installed app; choose another name.")
        target = Path(directory).expanduser().resolve() / name
        if target.exists():
            raise CommandError(f"{target} already exists; nothing was written.")
        title = title or name.replace("_", " ").capitalize()
        loader = MigrationLoader(None, ignore_no_migrations=True)
        replacements = {
            "__Name__": "".join(part.capitalize() for part in name.split("_")),
            "__title_zh__": title_zh or title,
            "__Title__": title,
            "__name__": name,
            "__wagtailcore_leaf__": leaf_migration(loader, "wagtailcore"),
            "__towns_leaf__": leaf_migration(loader, "towns"),
        }
        written = []
        for source in sorted(SCAFFOLD.rglob(f"*{SUFFIX}")):
            relative = str(source.relative_to(SCAFFOLD))[: -len(SUFFIX)]
            destination = target / substitute(relative, replacements)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(substitute(source.read_text(encoding="utf-8"), replacements), encoding="utf-8")
            written.append(destination)
        compiled = compile_catalogues(target)
        self.stdout.write(self.style.SUCCESS(f"Created the plugin {name!r} in {target} ({len(written)} files)."))
        if not compiled:
            self.stdout.write("polib is not installed: run `django-admin compilemessages` in the plugin folder.")
        self.stdout.write(
            "Next:\n"
            f"  pip install -e {target}\n"
            "  python manage.py migrate\n"
            f"  python manage.py plugins            # then switch {name} on for a town in the admin\n"
            f"  cd {target} && pytest"
        )


def substitute(text, replacements):
    for token, value in replacements.items():
        text = text.replace(token, value)
    return text


def compile_catalogues(target):
    """Compile the .po stubs so the Chinese names show at once; polib is optional."""
    try:
        import polib
    except ImportError:
        return False
    for po_path in target.rglob("*.po"):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    return True
