"""A month's derived figures (totals, line count, spending per category), computed from its line items.

They are a cache of the line items, not published content: recomputing them never changes what a published
month says, only repairs the stored copy its public page reads. The model, the back-fill migration
(0010) and `manage.py recompute_disclosure_totals` all use this module; it takes the model classes as
arguments so that a migration can pass its historical ones.
"""

from decimal import Decimal

from django.db.models import Count, Sum

ZERO = Decimal("0.00")
FIELDS = ("total_income", "total_expense", "line_count", "category_totals")
BATCH = 500


def derived_figures(LineItem, ledger_ids):
    """{ledger id: {field: value}} for the given months, in one grouped query."""
    rows = (
        LineItem.objects.filter(ledger_id__in=ledger_ids).order_by()
        .values("ledger_id", "kind", "category__name").annotate(total=Sum("amount"), n=Count("id"))
    )
    by_month = {ledger_id: [] for ledger_id in ledger_ids}
    for row in rows:
        by_month[row["ledger_id"]].append(row)
    return {ledger_id: _figures(month_rows) for ledger_id, month_rows in by_month.items()}


def _figures(rows):
    spending = sorted(((r["category__name"], r["total"]) for r in rows if r["kind"] == "expense"), key=lambda item: (-item[1], item[0]))
    return {
        "total_income": sum((r["total"] for r in rows if r["kind"] == "income"), ZERO),
        "total_expense": sum((r["total"] for r in rows if r["kind"] == "expense"), ZERO),
        "line_count": sum(r["n"] for r in rows),
        "category_totals": {"expense": [[name, str(total)] for name, total in spending]},
    }


def recompute_months(LedgerMonth, LineItem, months=None, fields=FIELDS):
    """Store `fields` recomputed for every month (or those of the `months` queryset); returns how many changed.

    Writes through queryset.update(): the model's save() refuses to touch a published month, which is right for
    its content and wrong for this cache.
    """
    months = (LedgerMonth.objects.all() if months is None else months).order_by("pk")
    changed, last = 0, 0
    while True:
        batch = list(months.filter(pk__gt=last).values("pk", *fields)[:BATCH])
        if not batch:
            return changed
        figures = derived_figures(LineItem, [month["pk"] for month in batch])
        for month in batch:
            wanted = {field: figures[month["pk"]][field] for field in fields}
            if any(month[field] != wanted[field] for field in fields):
                LedgerMonth.objects.filter(pk=month["pk"]).update(**wanted)
                changed += 1
        last = batch[-1]["pk"]
