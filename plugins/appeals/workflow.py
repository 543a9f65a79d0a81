"""The case state machine. Every change of state goes through `transition`, which the server enforces."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Case, Rating, Satisfaction, State, Transition
from .deadlines import schedule
from .numbering import next_number
from .staff import tell_handlers

ALLOWED = {
    State.SUBMITTED: {State.ACCEPTED, State.REJECTED},
    State.ACCEPTED: {State.IN_PROGRESS, State.REJECTED},
    State.IN_PROGRESS: {State.RESOLVED},
    State.RESOLVED: {State.RATED, State.REOPENED, State.CLOSED},
    State.REOPENED: {State.ACCEPTED, State.IN_PROGRESS},
    State.REJECTED: set(),
    State.RATED: set(),
    State.CLOSED: set(),
}

# What the villager is told by SMS when their case reaches a state.
VILLAGER_EVENTS = {
    State.ACCEPTED: "appeal_accepted",
    State.REJECTED: "appeal_rejected",
    State.RESOLVED: "appeal_resolved",
}


class IllegalTransition(Exception):
    """Refused change of state; str() is a message for the user."""


def tell_villager(town, phone, event, params):
    """An SMS to the villager, when the town has the SMS service (without it there is nobody to tell: the
    villager follows the case with its number)."""
    from cunwu.plugins.api import get_service

    sms = get_service("sms", town)
    if sms is not None and phone:
        sms.send(town, str(phone), event, params)


def submit(town, *, kind, category, village, content, name="", phone="", anonymous=False, files=(), answers=(), photos=()):
    """Create a case with its tracking number, first step and notices, all in one transaction."""
    from cunwu.plugins.api import Role, notify

    from .models import Attachment

    with transaction.atomic():
        case = Case.objects.create(
            town=town, number=next_number(town), kind=kind, category=category, village=village,
            content=content, answers=list(answers), name="" if anonymous else name, phone="" if anonymous else phone, anonymous=anonymous,
            handler=category.handlers.first(), level=category.default_level,
        )
        first = Transition.objects.create(case=case, from_state="", to_state=State.SUBMITTED)
        case.due_at = case.accept_due_at = schedule(case, first, case.created_at)
        case.save(update_fields=["due_at", "accept_due_at"])
        for upload, content_type, *label in [*files, *photos]:  # photos carry the label of their question
            attachment = Attachment(case=case, content_type=content_type, size=upload.size, label=label[0] if label else "")
            attachment.file.save(upload.name, upload, save=False)
            attachment.save()
        tell_villager(town, case.phone, "appeal_submitted", {"number": case.number})
        tell_handlers(case)
        notify(
            town, [Role.VILLAGE_STAFF, Role.TOWN_ADMIN], _("New case %(number)s") % {"number": case.number},
            _("%(village)s · %(category)s") % {"village": village.name, "category": category.name},
        )
    return case


def transition(case, to_state, actor=None, note=""):
    """Move a case to `to_state`, checking the step is allowed from its current (locked) state."""
    note = (note or "").strip()
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if to_state not in ALLOWED[case.state]:
            raise IllegalTransition(
                _("A case that is “%(current)s” cannot become “%(target)s”.")
                % {"current": State(case.state).label, "target": State(to_state).label}
            )
        if to_state == State.REJECTED and not note:
            raise IllegalTransition(_("A rejection needs a reason, which the villager will see."))
        if to_state == State.RESOLVED and not note:
            raise IllegalTransition(_("Resolving a case needs a written response to the villager."))
        now = timezone.now()
        previous = case.state
        case.state = to_state
        if to_state == State.ACCEPTED:
            case.accepted_at = now
            if actor is not None and case.handler_id is None:
                case.handler = actor
        elif to_state == State.REJECTED:
            case.reject_reason = note
            case.closed_at = now
        elif to_state == State.RESOLVED:
            case.response = note
            case.resolved_at = now
        elif to_state in (State.RATED, State.CLOSED):
            case.closed_at = now
        elif to_state == State.REOPENED:
            case.resolved_at = None
        case.save()
        step = Transition.objects.create(case=case, from_state=previous, to_state=to_state, actor=actor, note=note)
        # Starting work keeps the resolution deadline set on acceptance; schedule() hands it back unchanged.
        case.due_at = schedule(case, step, now)
        if to_state == State.REOPENED:
            case.accept_due_at = case.due_at
        elif to_state == State.ACCEPTED:
            case.resolve_due_at = case.due_at
        case.save(update_fields=["due_at", "accept_due_at", "resolve_due_at"])
        event = VILLAGER_EVENTS.get(to_state)
        if event:
            tell_villager(case.town, case.phone, event, {"number": case.number})
    return case


def rate(case, *, overall, method, efficiency, attitude, comment=""):
    """Record the villager's rating; "unsatisfied" overall reopens the case and tells the supervisors."""
    from cunwu.plugins.api import Role, notify

    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.state != State.RESOLVED:
            raise IllegalTransition(_("This case cannot be rated now."))
        Rating.objects.create(
            case=case, overall=overall, method=method, efficiency=efficiency, attitude=attitude, comment=comment
        )
        if overall == Satisfaction.UNSATISFIED:
            case = transition(case, State.REOPENED, note=_("The villager was not satisfied."))
            notify(
                case.town, [Role.SUPERVISOR], _("Case %(number)s reopened: villager not satisfied") % {"number": case.number},
                comment,
            )
        else:
            case = transition(case, State.RATED)
    return case


def close_unrated(town, now=None):
    """Close resolved cases the villager did not rate in time; they count as not rated, never as satisfied."""
    from .limits import town_settings

    now = now or timezone.now()
    days = int(town_settings(town).get("unrated_close_days", 7))
    stale = Case.objects.filter(town=town, state=State.RESOLVED, resolved_at__lte=now - timedelta(days=days))
    closed = 0
    for case in stale.only("pk").iterator():
        try:
            transition(case, State.CLOSED, note=_("Closed as not rated: no rating within %(days)s days.") % {"days": days})
            closed += 1
        except IllegalTransition:  # rated or reopened meanwhile
            pass
    return closed
