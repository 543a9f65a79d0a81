"""Escalation timers as rows written with the state change; a minute sweep fires each exactly once.

The Deadline row is its own ledger (unique on case, step, kind): it is marked fired in the same transaction
that records the warning, so a second sweep, a restarted worker or a flushed Redis can never fire it again.
"""

import logging

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .limits import timers
from .models import Case, State

logger = logging.getLogger(__name__)


class Kind(models.TextChoices):
    REMIND = "remind", gettext_lazy("Reminder to the handler")
    WARN = "warn", gettext_lazy("Early warning to the village supervisor")
    ESCALATE = "escalate", gettext_lazy("Escalation to the township discipline commission")


# Each timed step gets a reminder at 80 % of its limit, a warning when due and an escalation at 150 %.
TIMER_KINDS = (Kind.REMIND, Kind.WARN, Kind.ESCALATE)
TIMER_FRACTIONS = (0.8, 1.0, 1.5)


class Deadline(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    step = models.ForeignKey("appeals.Transition", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    due_at = models.DateTimeField()
    fired_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "appeals"
        constraints = [models.UniqueConstraint(fields=["case", "step", "kind"], name="appeals_deadline_once")]
        indexes = [
            models.Index(
                fields=["due_at"], name="appeals_deadline_pending",
                condition=models.Q(fired_at__isnull=True, cancelled_at__isnull=True),
            )
        ]


def schedule(case, step, start):
    """Called inside the transition's transaction: cancel what the old step had pending, time the new step.

    Returns when the new step is due (None when nothing is pending); IN_PROGRESS keeps the case's due_at."""
    if step.to_state == State.IN_PROGRESS:
        return case.due_at  # starting work keeps the resolution timers set on acceptance
    Deadline.objects.filter(case=case, fired_at=None, cancelled_at=None).update(cancelled_at=start)
    moments = timers(case.town, case.level, step.to_state, start, fractions=TIMER_FRACTIONS, category=case.category)
    if moments:
        Deadline.objects.bulk_create([
            Deadline(case=case, step=step, kind=kind, due_at=at) for kind, at in zip(TIMER_KINDS, moments)
        ])
        return moments[1]
    return None


def sweep(batch=200):
    """Fire due deadlines. Rows (and their cases) another sweep or a transition holds are skipped, never waited on.

    The sweep crosses towns, so one deadline that cannot fire (its savepoint rolled back, logged, retried next
    sweep) must not hold back the others."""
    fired, failed = 0, set()
    while True:
        with transaction.atomic():
            due = list(
                Deadline.objects.select_for_update(skip_locked=True, of=("self", "case"))
                .select_related("case__town")
                .filter(fired_at=None, cancelled_at=None, due_at__lte=timezone.now())
                .exclude(pk__in=failed)
                .order_by("due_at")[:batch]
            )
            for deadline in due:
                try:
                    with transaction.atomic():
                        _fire(deadline)
                    fired += 1
                except Exception:  # noqa: BLE001 - see the docstring
                    failed.add(deadline.pk)
                    logger.exception("deadline %s of case %s (town %s) could not fire", deadline.pk, deadline.case.number, deadline.case.town.slug)
        if len(due) < batch:
            break
    from .staff import flush_digests
    from .watchdog import beat

    flush_digests()
    beat()
    return fired


ROLES = {Kind.REMIND: ("VILLAGE_STAFF",), Kind.WARN: ("SUPERVISOR",), Kind.ESCALATE: ("SUPERVISOR", "TOWN_ADMIN")}


def _fire(deadline):
    from cunwu.plugins import api
    from cunwu.plugins.api import Role, notify

    case = deadline.case
    deadline.fired_at = timezone.now()
    deadline.save(update_fields=["fired_at"])
    subject = _("%(kind)s: case %(number)s") % {"kind": Kind(deadline.kind).label, "number": case.number}
    body = _("State “%(state)s”, due %(due)s.") % {
        "state": State(case.state).label, "due": api.town_localtime(case.town, case.due_at or deadline.due_at).strftime("%Y-%m-%d %H:%M"),
    }
    roles = [Role[name] for name in ROLES[deadline.kind]]
    notify(case.town, roles, subject, body, f"/admin/appeals/case/{case.pk}/")
    from .staff import handlers_of, queue_alert

    if deadline.kind == Kind.REMIND:
        users = [case.handler] if case.handler_id else handlers_of(case)
    else:
        users = case.town.members(*roles)
    queue_alert(case, users, deadline.kind)
