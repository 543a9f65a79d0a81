"""Triage: staff set a case's level (red/yellow/green) with a reason; the pending time limits follow the new level.

The change is a step of the trail (who, when, from → to level, why). The limits are recomputed from the start of
the step that is being timed (the submission, acceptance or reopening), so changing the level never restarts the
clock: a case made red two hours after it came in is due as if it had been red from the start.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .deadlines import TIMER_FRACTIONS, TIMER_KINDS, Deadline
from .limits import OPEN_STATES, level_display, timers
from .models import Case, Level, State, Transition
from .workflow import IllegalTransition


def timed_step(case):
    """The step whose limits are pending: the last real change of state, skipping "in progress" (which keeps
    the resolution limits set on acceptance) and triage steps."""
    return (
        case.transitions.filter(to_level="").exclude(to_state=State.IN_PROGRESS).order_by("-at", "-pk").first()
    )


def change_level(case, level, actor, reason):
    """Set the case's level and retime its pending deadlines, all in one transaction. Refusals change nothing."""
    reason = (reason or "").strip()
    if level not in Level.values:
        raise IllegalTransition(_("Choose a level."))
    if not reason:
        raise IllegalTransition(_("Changing the level needs a reason."))
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("town", "category").get(pk=case.pk)
        if case.state not in OPEN_STATES:
            raise IllegalTransition(_("Only a case still being handled can change its level."))
        if case.level == level:
            raise IllegalTransition(
                _("The case is already at level “%(level)s”.") % {"level": level_display(case.town, level)[0]}
            )
        now = timezone.now()
        step = Transition.objects.create(
            case=case, from_state=case.state, to_state=case.state, from_level=case.level, to_level=level,
            actor=actor, note=reason,
        )
        case.level = level
        _retime(case, step, now)
        case.save(update_fields=["level", "due_at", "accept_due_at", "resolve_due_at"])
    return case


def _retime(case, triage_step, now):
    """Cancel the pending timers and write new ones (on the triage step) from the timed step's start.

    A reminder or warning that has fired already for the timed step is not sent a second time."""
    origin = timed_step(case)
    if origin is None:
        return
    moments = timers(case.town, case.level, origin.to_state, origin.at, fractions=TIMER_FRACTIONS, category=case.category)
    if not moments:
        return
    pending = Deadline.objects.filter(case=case, fired_at=None, cancelled_at=None)
    fired = set(
        Deadline.objects.filter(case=case, fired_at__isnull=False, step__at__gte=origin.at).values_list("kind", flat=True)
    )
    pending.update(cancelled_at=now)
    Deadline.objects.bulk_create([
        Deadline(case=case, step=triage_step, kind=kind, due_at=at)
        for kind, at in zip(TIMER_KINDS, moments) if kind not in fired
    ])
    case.due_at = moments[1]
    if origin.to_state == State.ACCEPTED:
        case.resolve_due_at = case.due_at
    else:
        case.accept_due_at = case.due_at
