"""Supervision of power records: the village supervision committee and the town's discipline supervisor add
opinions, order a rectification with a deadline and close it once the village reports it done. They change
nothing else of the record (the step gate is the cadres'); the cadres report a rectification done.

Who supervises a record: whoever holds "disclosure.add_supervisionopinion" in its town and works for its village
(a town role covers every village; the committee's role only its own village).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cunwu.plugins import api

from .record_gate import can_work
from .supervision_models import Rectification, RectificationState, SupervisionOpinion
from .versioning import require

SUPERVISE = "disclosure.add_supervisionopinion"


def may_supervise(user, record):
    if not api.has_town_perm(user, record.town, SUPERVISE):
        return False
    return user.is_superuser or api.user_villages(user, record.town).filter(pk=record.village_id).exists()


def _role_label(user, record):
    if user.is_superuser:
        return _("Administrator")
    roles = dict(api.Role.choices)
    held = (user.groups.filter(town_role__town_id=record.town_id).values_list("town_role__role", flat=True)
            .order_by("town_role__role"))
    return "、".join(str(roles.get(role, role)) for role in held)[:60]


def _supervisor(user, record):
    if not may_supervise(user, record):
        raise PermissionDenied(_("Only the village supervision committee or the town's discipline supervisor "
                                 "can supervise this record."))


@transaction.atomic
def add_opinion(record, user, text):
    _supervisor(user, record)
    text = (text or "").strip()
    require(text, _("Write the opinion."))
    opinion = SupervisionOpinion.objects.create(record=record, author=user, author_role=_role_label(user, record),
                                                text=text)
    log(record, "disclosure.record_opinion", user=user, data={"opinion": opinion.pk})
    return opinion


@transaction.atomic
def order_rectification(record, user, requirement, working_days=None, deadline=None):
    """An order to put something right by `deadline` (a date), or within `working_days` of the town's calendar."""
    _supervisor(user, record)
    requirement = (requirement or "").strip()
    require(requirement, _("Say what must be put right."))
    today = api.town_today(record.town)
    if deadline is None:
        require(working_days and working_days > 0, _("Give a deadline for the rectification."))
        deadline = api.add_working_days(record.town, today, working_days)
    require(deadline > today, _("The deadline must be after today."))
    order = Rectification.objects.create(record=record, requirement=requirement, ordered_by=user, deadline=deadline)
    log(record, "disclosure.record_rectification_ordered", user=user,
        data={"rectification": order.pk, "deadline": deadline.isoformat()})
    return order


def _locked(order):
    return Rectification.objects.select_for_update().select_related("record__town").get(pk=order.pk)


@transaction.atomic
def report_done(order, user, report):
    """The village says what it did; the supervisor then closes the order or sends it back."""
    row = _locked(order)
    if not can_work(user, row.record):
        raise PermissionDenied(_("You do not work for this village."))
    require(row.state == RectificationState.ORDERED, _("Only an open rectification can be reported done."))
    report = (report or "").strip()
    require(report, _("Say what was done to put it right."))
    row.state, row.report, row.reported_by, row.reported_at = RectificationState.REPORTED, report, user, timezone.now()
    row.save()
    log(row.record, "disclosure.record_rectification_reported", user=user, data={"rectification": row.pk})
    return row


@transaction.atomic
def close(order, user):
    row = _locked(order)
    _supervisor(user, row.record)
    require(row.state == RectificationState.REPORTED,
            _("A rectification is closed once the village has reported what it did."))
    row.state, row.closed_by, row.closed_at = RectificationState.CLOSED, user, timezone.now()
    row.save()
    log(row.record, "disclosure.record_rectification_closed", user=user, data={"rectification": row.pk})
    return row


@transaction.atomic
def send_back(order, user, reason):
    """Not put right yet: the order is open again with the reason; what was ordered stays as it was written."""
    row = _locked(order)
    _supervisor(user, row.record)
    require(row.state == RectificationState.REPORTED, _("Only a rectification reported done can be sent back."))
    reason = (reason or "").strip()
    require(reason, _("Say why it is not put right yet."))
    row.state = RectificationState.ORDERED
    row.returned_count += 1
    row.returned_reason = reason
    row.save()
    log(row.record, "disclosure.record_rectification_returned", user=user,
        data={"rectification": row.pk, "reason": reason})
    return row


def open_rectifications(town, today=None):
    """The town's rectifications not closed yet, overdue first: for the supervisor's board."""
    today = today or api.town_today(town)
    rows = list(Rectification.objects.filter(record__town=town).exclude(state=RectificationState.CLOSED)
                .select_related("record__village").order_by("deadline", "pk"))
    return [(row, row.is_overdue(today)) for row in rows]

