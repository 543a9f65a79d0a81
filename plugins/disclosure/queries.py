"""What the public pages read: only published versions, filtered in the database, never line by line in Python."""

from django.db.models import Count, Sum

from .models import Kind, LedgerMonth, LineItem, Status


def published_months(village, year=None):
    ledgers = LedgerMonth.objects.filter(village=village, status=Status.PUBLISHED)
    return ledgers.filter(year=year) if year else ledgers


def filtered_lines(ledger, kind=None, category=None):
    lines = LineItem.objects.filter(ledger=ledger)
    if kind in Kind.values:
        lines = lines.filter(kind=kind)
    if category:
        lines = lines.filter(category_id=category)
    return lines


def totals(lines):
    sums = {row["kind"]: row for row in lines.order_by().values("kind").annotate(total=Sum("amount"), n=Count("id"))}
    return {kind: sums.get(kind, {"total": 0, "n": 0}) for kind in Kind.values}



def lines_in_order(ids):
    """The line items with these ids, category loaded, in the order of `ids`."""
    found = LineItem.objects.filter(id__in=ids).select_related("category").in_bulk()
    return [found[pk] for pk in ids if pk in found]
