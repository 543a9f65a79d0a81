"""Monthly figures of power in operation (权力运行统计), per village or per town, in each town's own months.

`monthly_rows(units, months)` takes a queryset of villages or of towns and a list of (year, month) and returns one
row per unit and month. A month is the town's calendar month (api.town_month_bounds: its time zone, not the
server's), so a record opened at 23:30 Beijing time on 31 March counts in March although UTC already says April.

The counts are grouped in SQL (TruncMonth in the town's zone, or range conditions for the one figure that is a
state at a moment): seven queries per time zone among the units' towns, however many villages and records there are.

What each figure means:
- opened / closed: records whose opened_at / closed_at falls in the month;
- steps closed: steps done (closed, not sent back) in the month; on time: of those, closed no later than their
  due time (a step without a time limit is on time). A step sent back later loses its closing, so it no longer counts;
- warnings: early warnings raised in the month;
- rectifications ordered / closed: ordered_at / closed_at in the month;
- rectifications overdue at month end: ordered before the month ended, not closed by then, and past their deadline
  on the month's last day (Rectification.is_overdue on that day); for the current month, as of today.
"""

import datetime
from collections import defaultdict

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth

from cunwu.plugins import api

from .record_models import PowerRecord, RecordStep, StepState
from .record_warning_models import RecordWarning
from .supervision_models import Rectification

FIGURES = ("opened", "closed", "steps_closed", "steps_on_time", "warnings",
           "rectifications_ordered", "rectifications_closed", "rectifications_overdue")


def last_months(town, count=12):
    """The town's last `count` months, oldest first, ending with the current one."""
    today = api.town_today(town)
    index = today.year * 12 + today.month - 1
    return [(number // 12, number % 12 + 1) for number in range(index - count + 1, index + 1)]


def _month_of(value, zone):
    value = value if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime) else (
        value.astimezone(zone) if value.tzinfo else value)
    return value.year, value.month


def _truncated(queryset, field, key, zone, span, extra=None):
    """{(unit pk, (year, month)): counts} for `queryset` grouped by `key` and the month of `field` in `zone`."""
    start, end = span
    counts = {"n": Count("pk"), **(extra or {})}
    rows = (queryset.filter(**{f"{field}__gte": start, f"{field}__lt": end})
            .annotate(month=TruncMonth(field, tzinfo=zone)).values(key, "month").annotate(**counts).order_by())
    return {(row[key], _month_of(row["month"], zone)): row for row in rows}


def _overdue(queryset, key, town, months):
    """{(unit pk, month): rectifications overdue at the end of the month (today, for the current one)}."""
    today, annotations = api.town_today(town), {}
    for year, month in months:
        start, end = api.town_month_bounds(town, year, month)
        last_day = min((end - datetime.timedelta(days=1)).date(), today)
        annotations[f"m{year}_{month}"] = Count("pk", filter=Q(ordered_at__lt=end, deadline__lt=last_day) & (
            Q(closed_at__isnull=True) | Q(closed_at__gte=end)))
    rows = queryset.values(key).annotate(**annotations).order_by()
    return {(row[key], (year, month)): row[f"m{year}_{month}"] for row in rows for year, month in months}


def _zone_counts(unit_pks, record_key, child_key, town, months):
    """Every figure for the units of one time zone; `town` is any of their towns (it gives the zone)."""
    zone = api.town_zone(town)
    span = (api.town_month_bounds(town, *months[0])[0], api.town_month_bounds(town, *months[-1])[1])
    records = PowerRecord.objects.filter(**{f"{record_key}__in": unit_pks})
    steps = RecordStep.objects.filter(**{f"{child_key}__in": unit_pks}, state=StepState.DONE)
    on_time = Count("pk", filter=Q(due_at__isnull=True) | Q(closed_at__lte=F("due_at")))
    warnings = RecordWarning.objects.filter(**{f"{child_key}__in": unit_pks})
    orders = Rectification.objects.filter(**{f"{child_key}__in": unit_pks})
    found = {
        "opened": _truncated(records, "opened_at", record_key, zone, span),
        "closed": _truncated(records, "closed_at", record_key, zone, span),
        "steps": _truncated(steps, "closed_at", child_key, zone, span, {"on_time": on_time}),
        "warnings": _truncated(warnings, "raised_at", child_key, zone, span),
        "rectifications_ordered": _truncated(orders, "ordered_at", child_key, zone, span),
        "rectifications_closed": _truncated(orders, "closed_at", child_key, zone, span),
    }
    return found, _overdue(orders, child_key, town, months)


def _row(unit, year, month, found, overdue):
    key = (unit.pk, (year, month))

    def n(name, field="n"):
        return (found[name].get(key) or {}).get(field, 0)

    return {"unit": unit, "year": year, "month": month, "opened": n("opened"), "closed": n("closed"),
            "steps_closed": n("steps"), "steps_on_time": n("steps", "on_time"), "warnings": n("warnings"),
            "rectifications_ordered": n("rectifications_ordered"),
            "rectifications_closed": n("rectifications_closed"), "rectifications_overdue": overdue.get(key, 0)}


def monthly_rows(units, months):
    """One row per unit (in the queryset's order) and month: the figures above, plus the on-time rate."""
    towns = units.model._meta.model_name == "town"
    units = list(units if towns else units.select_related("town"))
    if not units or not months:
        return []
    town_of = {unit.pk: unit if towns else unit.town for unit in units}
    record_key, child_key = ("town_id", "record__town_id") if towns else ("village_id", "record__village_id")
    by_zone = defaultdict(list)
    for unit in units:
        by_zone[str(api.town_zone(town_of[unit.pk]))].append(unit.pk)
    found, overdue = defaultdict(dict), {}
    for pks in by_zone.values():
        counts, late = _zone_counts(pks, record_key, child_key, town_of[pks[0]], months)
        for name, values in counts.items():
            found[name].update(values)
        overdue.update(late)
    return [with_rate(_row(unit, year, month, found, overdue)) for unit in units for year, month in months]


def with_rate(row):
    """The share of steps closed on time, in percent (None when no step closed)."""
    row["on_time_rate"] = round(100 * row["steps_on_time"] / row["steps_closed"]) if row["steps_closed"] else None
    return row


def month_totals(rows, months, unit=None):
    """The rows summed over the units, one per month (the town's or the county's total)."""
    totals = {month: {"unit": unit, "year": month[0], "month": month[1], **dict.fromkeys(FIGURES, 0)}
              for month in months}
    for row in rows:
        total = totals[(row["year"], row["month"])]
        for name in FIGURES:
            total[name] += row[name]
    return [with_rate(totals[month]) for month in months]


def unit_totals(rows, months):
    """One row per unit over the whole period; the overdue rectifications are those of the last month (a state,
    not a flow: summing months would count one order several times)."""
    per_unit = {}
    for row in rows:
        total = per_unit.setdefault(row["unit"].pk, {"unit": row["unit"], **dict.fromkeys(FIGURES, 0)})
        for name in FIGURES:
            if name != "rectifications_overdue":
                total[name] += row[name]
        if (row["year"], row["month"]) == months[-1]:
            total["rectifications_overdue"] = row["rectifications_overdue"]
    return [with_rate(total) for total in per_unit.values()]
