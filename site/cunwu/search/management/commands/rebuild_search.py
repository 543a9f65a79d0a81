from django.core.management.base import BaseCommand, CommandError

from cunwu.search.index import rebuild_town
from cunwu.towns.models import Town


class Command(BaseCommand):
    help = "Rebuild the search index of every town, or of one (--town slug)."

    def add_arguments(self, parser):
        parser.add_argument("--town", help="short name (slug) of the town")

    def handle(self, *args, town=None, **options):
        towns = Town.objects.select_related("site__root_page")
        if town:
            towns = towns.filter(slug=town)
            if not towns.exists():
                raise CommandError(f"No town {town!r}")
        for each in towns:
            self.stdout.write(f"{each.slug}: {rebuild_town(each)} entries")
