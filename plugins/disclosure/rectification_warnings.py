"""The early warning of a rectification past its deadline (整改逾期): raised once by the warning sweep for each order
not closed by the day after its deadline (town time), to the same people as a step's warnings.

A rectification belongs to a record but to no step, so its warning names the order (RecordWarning.rectification)
and leaves the step empty; the constraint on (rectification, kind) keeps it once, as the one on (record, step,
kind) does for steps. An order reported done but not yet closed by the supervisor is still open: it is warned too.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cunwu.plugins import api

from .record_warning_models import RecordWarning, WarningKind
from .record_warnings import tell
from .supervision_models import Rectification, RectificationState

logger = logging.getLogger(__name__)
KIND = WarningKind.RECTIFICATION_OVERDUE
REQUIREMENT_IN_MESSAGE = 60  # characters of what was ordered the warning quotes


def _words(order):
    """(the warning's message, what the SMS names as the step), in the site's language: data, not one screen."""
    record = order.record
    with translation.override(settings.LANGUAGE_CODE):
        requirement = order.requirement if len(order.requirement) <= REQUIREMENT_IN_MESSAGE else (
            order.requirement[:REQUIREMENT_IN_MESSAGE] + "…")
        message = _("%(village)s, record %(code)s “%(title)s”: the rectification ordered on %(ordered)s (“%(what)s”) "
                    "is past its deadline %(deadline)s and not closed.") % {
            "village": record.village.name, "code": record.tracking_code, "title": record.title,
            "ordered": api.town_localtime(record.town, order.ordered_at).strftime("%Y-%m-%d"),
            "what": requirement, "deadline": order.deadline.isoformat()}
        step_title = _("rectification due %(deadline)s") % {"deadline": order.deadline.isoformat()}
    return message, step_title


def raise_rectification_warning(order, now=None):
    """Raise the order's warning once: returns it when this call raised it, None when it existed."""
    now = now or timezone.now()
    message, step_title = _words(order)
    with transaction.atomic():
        warning, created = RecordWarning.objects.get_or_create(
            rectification=order, kind=KIND,
            defaults={"record": order.record, "step": None, "raised_at": now, "message": message})
        if not created:
            return None
        tell(warning, order.record, step_title, now)
    return warning


def overdue_unwarned(town, today):
    """The town's rectifications not closed whose deadline is before `today`, without their warning yet."""
    warned = RecordWarning.objects.filter(rectification=OuterRef("pk"), kind=KIND)
    return (Rectification.objects.filter(record__town=town, deadline__lt=today)
            .exclude(state=RectificationState.CLOSED).filter(~Exists(warned))
            .select_related("record__town", "record__village").order_by("deadline", "pk"))


def sweep_rectifications(town, now=None):
    """Warn of each of the town's rectifications past their deadline, once; returns how many were raised."""
    today = api.town_localtime(town, now).date() if now else api.town_today(town)
    raised = 0
    for order in overdue_unwarned(town, today):
        try:
            raised += raise_rectification_warning(order, now) is not None
        except Exception:  # noqa: BLE001 - one bad order must not hold back the others; tried again next sweep
            logger.exception("early warning for rectification %s could not be raised", order.pk)
    return raised
