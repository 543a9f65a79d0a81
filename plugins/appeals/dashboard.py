"""Monthly figures per town, village, category and handler: received, on-time rates, median handling time,
satisfaction. Handlers are ranked only once they have enough rated/resolved cases for the figures to mean much."""

import statistics

from django.db.models import Q
from django.utils import timezone

from cunwu.plugins import api

from .figures import SATISFIED
from .limits import OPEN_STATES
from .models import Case, Rating, State

MIN_SAMPLE = 5  # resolved cases a handler needs in the month before being ranked


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


class Tally:
    def __init__(self):
        self.received = 0
        self.accept_checked = self.accepted_on_time = 0
        self.resolved = self.resolved_on_time = 0
        self.handling_hours = []
        self.rated = self.satisfied = self.not_rated = 0

    def row(self):
        return {
            "received": self.received,
            "accepted_on_time": _percent(self.accepted_on_time, self.accept_checked),
            "resolved": self.resolved,
            "resolved_on_time": _percent(self.resolved_on_time, self.resolved),
            "median_hours": round(statistics.median(self.handling_hours), 1) if self.handling_hours else None,
            "rated": self.rated,
            "satisfaction": _percent(self.satisfied, self.rated),
            "not_rated": self.not_rated,
        }


def monthly(town, year, month, cases=None, now=None):
    """{"total": row, "village": [(name, row)], "category": [...], "handler": [(name, row, ranked)]}"""
    now = now or timezone.now()
    start, end = api.town_month_bounds(town, year, month)
    cases = (cases if cases is not None else Case.objects.filter(town=town)).filter(
        Q(created_at__gte=start, created_at__lt=end) | Q(resolved_at__gte=start, resolved_at__lt=end)
        | Q(closed_at__gte=start, closed_at__lt=end)
    ).select_related("village", "category", "handler")
    ratings = dict(
        Rating.objects.filter(case__in=cases, at__gte=start, at__lt=end).order_by("at").values_list("case_id", "overall")
    )
    groups = {"total": {None: Tally()}, "village": {}, "category": {}, "handler": {}}
    for case in cases:
        keys = {"total": None, "village": case.village.name, "category": case.category.name,
                "handler": case.handler.get_full_name() or case.handler.username if case.handler else None}
        tallies = [groups["total"][None]] + [
            groups[dimension].setdefault(key, Tally()) for dimension, key in keys.items() if dimension != "total" and key
        ]
        for tally in tallies:
            _count(tally, case, ratings.get(case.pk), start, end, now)
    result = {"total": groups["total"][None].row()}
    for dimension in ("village", "category"):
        result[dimension] = sorted(((name, t.row()) for name, t in groups[dimension].items()), key=lambda r: r[0])
    handlers = [(name, t.row()) for name, t in groups["handler"].items()]
    ranked = sorted(
        (h for h in handlers if h[1]["resolved"] >= MIN_SAMPLE),
        key=lambda h: (-(h[1]["satisfaction"] or 0), -(h[1]["resolved_on_time"] or 0), h[0]),
    )
    unranked = sorted((h for h in handlers if h[1]["resolved"] < MIN_SAMPLE), key=lambda h: h[0])
    result["handler"] = [(name, row, True) for name, row in ranked] + [(name, row, False) for name, row in unranked]
    return result


def _count(tally, case, rating, start, end, now):
    if start <= case.created_at < end:
        tally.received += 1
        if case.accepted_at and case.accept_due_at:
            tally.accept_checked += 1
            tally.accepted_on_time += case.accepted_at <= case.accept_due_at
        elif case.state in OPEN_STATES and case.accept_due_at and case.accept_due_at < now:
            tally.accept_checked += 1  # still waiting and already late: counts as not on time
    if case.resolved_at and start <= case.resolved_at < end:
        tally.resolved += 1
        tally.resolved_on_time += bool(case.resolve_due_at and case.resolved_at <= case.resolve_due_at)
        tally.handling_hours.append((case.resolved_at - case.created_at).total_seconds() / 3600)
    if rating is not None:
        tally.rated += 1
        tally.satisfied += rating in SATISFIED
    elif case.state == State.CLOSED and case.closed_at and start <= case.closed_at < end:
        tally.not_rated += 1  # never counted as satisfied


COLUMNS = ["received", "accepted_on_time", "resolved", "resolved_on_time", "median_hours", "rated", "satisfaction",
           "not_rated"]


def rows_for_export(result):
    """Flat rows (dimension, name, figures..., ranked) for CSV/XLSX."""
    yield ["total", "", *[result["total"][c] for c in COLUMNS], ""]
    for dimension in ("village", "category"):
        for name, row in result[dimension]:
            yield [dimension, name, *[row[c] for c in COLUMNS], ""]
    for name, row, ranked in result["handler"]:
        yield ["handler", name, *[row[c] for c in COLUMNS], "yes" if ranked else "no"]
