"""What the public pages read: only published versions, filtered in the database, never line by line in Python."""

from django.db.models import Count, OuterRef, Subquery, Sum

from .models import Kind, LedgerMonth, LineItem, Status


def published_months(village, year=None):
    ledgers = LedgerMonth.objects.filter(village=village, status=Status.PUBLISHED)
    return ledgers.filter(year=year) if year else ledgers


def latest_published(villages):
    """{village id: its newest published month} for a queryset of villages, in one query.

    A correlated subquery picks each village's newest month, so it runs alike on SQLite and PostgreSQL
    (no DISTINCT ON) and reads one row per village, not every month ever published.
    """
    newest = (
        LedgerMonth.objects.filter(village=OuterRef("pk"), status=Status.PUBLISHED)
        .order_by("-year", "-month")
        .values("pk")[:1]
    )
    ids = villages.order_by().annotate(latest=Subquery(newest)).values("latest")
    found = LedgerMonth.objects.filter(pk__in=ids).select_related("village")
    return {ledger.village_id: ledger for ledger in found}


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
    """The line items with these ids, category and cited record loaded, in the order of `ids`."""
    found = LineItem.objects.filter(id__in=ids).select_related("category", "record").in_bulk()
    return [found[pk] for pk in ids if pk in found]
