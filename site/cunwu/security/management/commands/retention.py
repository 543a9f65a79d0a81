from django.core.management.base import BaseCommand, CommandError

from cunwu.security.retention import sweep
from cunwu.towns.models import Town


class Command(BaseCommand):
    help = ("Anonymise personal data kept beyond each town's retention periods; with --dry-run, only report "
            "how many records each rule would anonymise.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="change nothing, report only")
        parser.add_argument("--town", help="short name (slug) of the town")

    def handle(self, *args, dry_run=False, town=None, **options):
        towns = Town.objects.order_by("slug")
        if town:
            towns = towns.filter(slug=town)
            if not towns.exists():
                raise CommandError(f"No town {town!r}")
        verb = "would anonymise" if dry_run else "anonymised"
        for slug, runs in sweep(towns, dry_run=dry_run).items():
            if runs is None:
                self.stdout.write(f"{slug}: FAILED (see the log)")
                continue
            if not runs:
                self.stdout.write(f"{slug}: no retention rules")
            for run in runs:
                outcome = f"FAILED ({run.error})" if run.error else f"{verb} {run.count}"
                self.stdout.write(f"{slug} {run.plugin}.{run.rule} (kept {run.days} days, before "
                                  f"{run.cutoff:%Y-%m-%d}): {outcome}")
