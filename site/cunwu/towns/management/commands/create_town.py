from django.core.management.base import BaseCommand, CommandError

from cunwu.towns.services import TownError, create_town


class Command(BaseCommand):
    help = "Create a town: its site, pages from a blueprint, villages, media collection and groups. Safe to repeat."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="The town's name, e.g. 柳河镇")
        parser.add_argument("--hostname", required=True, help="The host name the town's site answers on")
        parser.add_argument("--theme", default="default")
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument("--slug", help="Short ASCII name; derived from the name when left out")
        parser.add_argument("--village", action="append", default=[], dest="villages", help="A village; repeat for more")
        parser.add_argument("--default", action="store_true", help="Serve this town on hosts no town claims")
        parser.add_argument(
            "--plugin", action="append", dest="plugins", help="A plugin to switch on; repeat for more (default: all installed)"
        )
        parser.add_argument("--no-plugins", action="store_true", help="Switch no plugin on")

    def handle(self, *args, **options):
        try:
            town, created = create_town(
                name=options["name"],
                hostname=options["hostname"],
                theme=options["theme"],
                villages=options["villages"],
                port=options["port"],
                slug=options["slug"],
                is_default=options["default"],
                plugins=() if options["no_plugins"] else options["plugins"],
            )
        except TownError as exc:
            raise CommandError(str(exc)) from exc
        verb = "Created" if created else "Already there:"
        self.stdout.write(self.style.SUCCESS(f"{verb} {town.name} ({town.slug}) at http://{town.site.hostname}/"))
