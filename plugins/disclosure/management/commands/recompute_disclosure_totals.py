from django.core.management.base import BaseCommand

from disclosure.models import LedgerMonth, LineItem
from disclosure.totals import recompute_months


class Command(BaseCommand):
    help = (
        "Recompute the stored totals, line counts and spending per category of monthly ledgers from their line "
        "items, published months included (derived figures, not published content)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--town", action="append", default=[], metavar="SLUG", help="only this town's months (repeatable)")

    def handle(self, *args, town, **options):
        months = LedgerMonth.objects.all()
        if town:
            months = months.filter(village__town__slug__in=town)
        changed = recompute_months(LedgerMonth, LineItem, months)
        self.stdout.write(f"{changed} of {months.count()} monthly ledger(s) had stale figures; recomputed.")
