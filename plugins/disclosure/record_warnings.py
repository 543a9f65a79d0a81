"""Early warnings (预警) on power records: raised once, sent to the village supervision committee's director and the
town's discipline supervisors by SMS and in the admin, and kept on the record with who was told, how and when.

Three paths raise them: the sweep (a periodic task) for steps past their time limit and for rectifications past
their deadline (rectification_warnings.py); the step gate for a breach it refuses: a step closed with a document
missing, or a record above the 四议两公开 threshold closed without its resolution stages; and the town
administrator forcing a step closed over the gate (record_force.py, FORCED). A warning is one row per (record,
step, kind) or (rectification, kind), claimed by get_or_create on the unique constraint: of two sweeps at the same
moment, only the one whose insert wins tells anyone.
"""

import functools
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cunwu.plugins import api
from cunwu.plugins.api import mask_phone

from .record_models import RecordStatus, RecordStep, StepState
from .record_warning_models import Channel, RecordWarning, SupervisorMobile, WarningKind, WarningRecipient

logger = logging.getLogger(__name__)
SMS_WARNING = "disclosure.record_warning"
SMS_EVENTS = [
    api.MessageEvent(
        SMS_WARNING,
        gettext_lazy("Early warning on a power record (to the village supervision committee's director and the "
                     "town's discipline supervisors)"),
        ("village", "code", "record", "step", "kind"),
        gettext_lazy("Early warning: {village}, record {code} “{record}”, step “{step}”: {kind}. Please supervise."),
        urgent=False,
    ),
]
DIRECTOR_ROLE = "village_supervisor_director"
SUPERVISOR_ROLE = "supervisor"
TITLE_IN_SMS = 20  # characters of the record's title an SMS carries


class Breach(ValidationError):
    """A refusal of the step gate that the supervisors must hear of (see warn_breaches)."""

    def __init__(self, message, kind, step_id):
        super().__init__(str(message), code="invalid_transition")
        self.kind, self.step_id = kind, step_id


def refuse_breach(condition, message, kind, row):
    """The gate's `versioning.require` for a breach: the same refusal, carrying what to warn about."""
    if not condition:
        raise Breach(message, kind, row.pk)


def warn_breaches(function):
    """Wrap a gate function: a Breach it raises is warned about after its transaction rolled back (the warning
    must outlive the refusal), then raised again. Called inside an outer transaction that is rolled back, the
    warning goes with it."""

    @functools.wraps(function)
    def gated(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except Breach as refused:
            step = RecordStep.objects.select_related("record__town", "record__village").get(pk=refused.step_id)
            raise_warning(step, refused.kind, detail=refused.message)
            raise

    return gated


def _message(record, step, kind, detail):
    """The warning's text, in the site's language (Chinese): it is data on the record, not one reader's screen."""
    with translation.override(settings.LANGUAGE_CODE):
        place = _("%(village)s, record %(code)s “%(title)s”, step %(number)s “%(step)s”") % {
            "village": record.village.name, "code": record.tracking_code, "title": record.title,
            "number": step.number, "step": step.title}
        if kind == WarningKind.OVERDUE:
            due = date_format(api.town_localtime(record.town, step.due_at), "Y-m-d H:i") if step.due_at else ""
            return _("%(place)s is past its time limit (due %(due)s).") % {"place": place, "due": due}
        return _("%(place)s: %(kind)s. %(detail)s") % {
            "place": place, "kind": WarningKind(kind).label, "detail": detail}


def recipients(record):
    """[(user, role)]: the village committee's director(s), then the town's discipline supervisors, each once."""
    people = [(user, DIRECTOR_ROLE) for user in api.committee_directors(record.village).order_by("pk")]
    people += [(user, SUPERVISOR_ROLE) for user in api.town_discipline_supervisors(record.town).order_by("pk")]
    seen, unique = set(), []
    for user, role in people:
        if user.pk not in seen:
            seen.add(user.pk)
            unique.append((user, role))
    return unique


def _sms_params(record, step_title, kind):
    return {"village": record.village.name, "code": record.tracking_code, "record": record.title[:TITLE_IN_SMS],
            "step": step_title, "kind": str(WarningKind(kind).label)}


def tell(warning, record, step_title, now):
    """Send the warning and write one recipient row per person and channel, in the warning's transaction.

    `step_title` is what the SMS names as the step: the step's title, or the rectification's words for it."""
    town, people = record.town, recipients(record)
    sms = api.get_service("sms", town)
    mobiles = {}
    if sms is not None and people:
        mobiles = {m.user_id: str(m.phone) for m in SupervisorMobile.objects.filter(town=town, user__in=[u for u, _r in people])}
    rows = []
    for user, role in people:
        row = {"warning": warning, "user": user, "name": user.get_full_name() or user.get_username(), "role": role,
               "told_at": now}
        phone = mobiles.get(user.pk)
        if phone:
            with translation.override(settings.LANGUAGE_CODE):
                sms.send(town, phone, SMS_WARNING, _sms_params(record, step_title, warning.kind))
            rows.append(WarningRecipient(channel=Channel.SMS, masked_phone=mask_phone(phone), **row))
        # Supervisors also get the core's notice (admin inbox and e-mail); a director sees it on the dashboard
        # (the core's notice reaches a role across the whole town, not one village's director).
        rows.append(WarningRecipient(channel=Channel.NOTICE if role == SUPERVISOR_ROLE else Channel.DASHBOARD, **row))
    if any(role == SUPERVISOR_ROLE for _user, role in people):
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Early warning: %(kind)s") % {"kind": warning.get_kind_display()}
        api.notify(town, (SUPERVISOR_ROLE,), subject, warning.message, reverse("wagtailadmin_home"))
    WarningRecipient.objects.bulk_create(rows)
    logger.info("early warning %s on record %s: %d told (%s)", warning.kind, record.pk, len(people),
                ", ".join(mask_phone(phone) for phone in mobiles.values()) or "no SMS")


def raise_warning(step, kind, detail="", now=None):
    """Raise the warning of `kind` on `step` once: returns it when this call raised it, None when it existed."""
    record, now = step.record, now or timezone.now()
    with transaction.atomic():
        warning, created = RecordWarning.objects.get_or_create(
            record=record, step=step, kind=kind,
            defaults={"raised_at": now, "message": _message(record, step, kind, detail)})
        if not created:
            return None
        tell(warning, record, step.title, now)
    return warning


def sweep_town(town, now=None):
    """Raise the overdue warning of each of the town's overdue steps, then of each rectification past its deadline,
    that has none yet; returns how many.

    The steps were marked overdue by record_gate.mark_overdue; with nothing overdue this is one indexed query for
    the steps and one for the rectifications."""
    unwarned = RecordWarning.objects.filter(step=OuterRef("pk"), kind=WarningKind.OVERDUE)
    late = (RecordStep.objects.filter(record__town=town, state=StepState.OVERDUE, record__status=RecordStatus.OPEN)
            .filter(~Exists(unwarned)).select_related("record__town", "record__village").order_by("due_at", "pk"))
    raised = 0
    for step in late:
        try:
            raised += raise_warning(step, WarningKind.OVERDUE, now=now) is not None
        except Exception:  # noqa: BLE001 - one bad step must not hold back the others; tried again next sweep
            logger.exception("early warning for record step %s could not be raised", step.pk)
    from .rectification_warnings import sweep_rectifications

    return raised + sweep_rectifications(town, now)


def visible_warnings(user, town):
    """What the dashboard lists: every warning of the town for its discipline supervisors (and superusers),
    else the warnings the user was told of (a village committee's director: their village's)."""
    warnings = RecordWarning.objects.filter(record__town=town)
    if user.is_superuser or town.members(SUPERVISOR_ROLE).filter(pk=user.pk).exists():
        return warnings
    return warnings.filter(recipients__user=user).distinct()
