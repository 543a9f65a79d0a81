"""The county board's figures (县级监督看板): per village of the user's supervision scope, then summed per town.

Figures, as the board explains them on screen:
- open records: power records in progress;
- open warnings: early warnings on records still in progress (a warning is permanent, so "open" means its
  record has not closed yet);
- overdue rectifications: not closed and past their deadline, by each town's own today (api.town_today);
- records late now: records in progress with a step past its time limit;
- on-time rate: among steps closed as done over the last 12 months that had a time limit, the share closed
  by it (closed_at <= due_at). Steps sent back are not counted: they are worked again.

Every figure is a subquery annotated on one village query, so the board costs the same few queries whatever the
number of towns, villages and records.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from cunwu.plugins import api

from .record_models import PowerRecord, RecordStatus, RecordStep, StepState
from .record_warning_models import RecordWarning
from .supervision_models import Rectification, RectificationState

LABEL = "disclosure"
ON_TIME_WINDOW = timedelta(days=365)
FIGURES = ("open_records", "open_warnings", "overdue_rectifications", "late_records", "steps_closed", "steps_on_time")


@dataclass
class Row:
    """One line of the board: a town, a village or the totals."""

    subject: object = None
    figures: dict = field(default_factory=lambda: dict.fromkeys(FIGURES, 0))

    def add(self, other):
        for name in FIGURES:
            self.figures[name] += other.figures[name]

    @property
    def on_time_rate(self):
        """Whole per cent, or None when no step with a time limit closed (the board shows a dash, not 0 %)."""
        closed = self.figures["steps_closed"]
        return round(100 * self.figures["steps_on_time"] / closed) if closed else None

    def __getattr__(self, name):
        if name in FIGURES:
            return self.figures[name]
        raise AttributeError(name)


def scope_towns(user):
    """The towns on the user's board: those they supervise (their county's, their town's as discipline
    supervisor or administrator, their committee's) that run disclosure."""
    enabled = api.enabled_towns(LABEL).values("pk")
    return api.supervised_towns(user).filter(pk__in=enabled).order_by("name", "pk")


def is_county_reader(user):
    """Shown the board's menu item: a supervisor of several towns, or of a county (even a one-town county)."""
    towns = list(scope_towns(user)[:2])
    if len(towns) > 1:
        return True
    return bool(towns) and api.county_supervisors(towns[0]).filter(pk=user.pk).exists()


def scope_villages(user, towns):
    """The villages of `towns` the user supervises or works for: every village for a county or town-wide
    supervisor, their own for a committee member (api.user_villages, the scope the record screen applies)."""
    mine = api.user_villages(user)
    village_model = mine.model  # the core's Village, reached through the API's queryset, not imported
    return village_model.objects.filter(pk__in=mine.values("pk"), town__in=[town.pk for town in towns])


def late_steps(now):
    return Q(state=StepState.OVERDUE) | Q(state=StepState.CURRENT, due_at__lt=now)


def overdue_rectification(towns, prefix="record__"):
    """Past the deadline by each town's own today: towns in different zones may be on different dates."""
    by_day = {}
    for town in towns:
        by_day.setdefault(api.town_today(town), []).append(town.pk)
    condition = Q(pk__in=[])
    for day, ids in by_day.items():
        condition |= Q(**{f"{prefix}town_id__in": ids, "deadline__lt": day})
    return ~Q(state=RectificationState.CLOSED) & condition


def _count(queryset, village):
    """A village's count of `queryset` as a correlated subquery (0 rather than NULL when there is none)."""
    counted = (queryset.filter(**{village: OuterRef("pk")}).order_by().values(village)
               .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def annotate_figures(villages, towns, now=None):
    now = now or timezone.now()
    open_records = PowerRecord.objects.filter(status=RecordStatus.OPEN)
    closed_steps = RecordStep.objects.filter(state=StepState.DONE, due_at__isnull=False,
                                             closed_at__gte=now - ON_TIME_WINDOW)
    late = RecordStep.objects.filter(late_steps(now), record=OuterRef("pk"))
    return villages.annotate(
        open_records=_count(open_records, "village"),
        open_warnings=_count(RecordWarning.objects.filter(record__status=RecordStatus.OPEN), "record__village"),
        overdue_rectifications=_count(Rectification.objects.filter(overdue_rectification(towns)), "record__village"),
        late_records=_count(open_records.filter(Exists(late)), "village"),
        steps_closed=_count(closed_steps, "record__village"),
        steps_on_time=_count(closed_steps.filter(closed_at__lte=F("due_at")), "record__village"),
    )


def village_rows(user, towns, now=None):
    """One Row per village of the user's scope in `towns`: one query."""
    villages = annotate_figures(scope_villages(user, towns), towns, now).order_by("town_id", "sort_order", "name")
    return [Row(village, {name: getattr(village, name) for name in FIGURES}) for village in villages]


def town_rows(user, towns, now=None):
    """(one Row per town, the totals Row): the villages' figures summed in Python, no query per town."""
    rows = {town.pk: Row(town) for town in towns}
    for row in village_rows(user, towns, now):
        rows[row.subject.town_id].add(row)
    total = Row()
    for row in rows.values():
        total.add(row)
    return list(rows.values()), total


def flagged_records(village, town, now=None):
    """The village's records a supervisor should look at: an open warning, an overdue rectification or a step
    late now; each with its counts. One query."""
    now = now or timezone.now()
    warnings = RecordWarning.objects.filter(record=OuterRef("pk"), record__status=RecordStatus.OPEN)
    overdue = Rectification.objects.filter(overdue_rectification([town]), record=OuterRef("pk"))
    late = RecordStep.objects.filter(late_steps(now), record=OuterRef("pk"), record__status=RecordStatus.OPEN)
    records = PowerRecord.objects.filter(village=village).select_related("matter").annotate(
        open_warnings=_count(RecordWarning.objects.filter(record__status=RecordStatus.OPEN), "record"),
        overdue_rectifications=_count(Rectification.objects.filter(overdue_rectification([town])), "record"),
        is_late=Exists(late),
    )
    return records.filter(Exists(warnings) | Exists(overdue) | Exists(late)).order_by("-opened_at", "-pk")
