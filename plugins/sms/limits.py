"""What keeps a number from being flooded or woken at night, all counted in the town's time zone:

- the provider's own per-number flow control (Aliyun: "触发分钟级/小时级/天级流控") is waited out once, until its
  window turns over, instead of being polled;
- a per-number daily budget per town (setting `daily_budget`, 0 = none) fails the rows beyond it without a provider call;
- quiet hours (settings `quiet_from`–`quiet_until`, whole hours) hold events their plugin did not declare urgent
  (`MessageEvent(urgent=False)`, e.g. reminders) until the morning; urgent ones (receipts, escalations) always go.
"""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from cunwu.plugins import api

from .models import SmsMessage, SmsStatus

DEFAULTS = {"daily_budget": 10, "quiet_from": 21, "quiet_until": 8}
WINDOWS = {"minute": datetime.timedelta(minutes=1), "hour": datetime.timedelta(hours=1), "day": datetime.timedelta(days=1)}


def town_settings(town):
    return {**DEFAULTS, **{key: value for key, value in api.plugin_settings(town, "sms").items() if value is not None}}


def window_end(town, window, now):
    """The first moment of the next calendar minute, hour or day in the town's zone."""
    local = api.town_localtime(town, now)
    if window == "day":
        start = datetime.datetime.combine(local.date(), datetime.time.min, tzinfo=local.tzinfo)
    elif window == "hour":
        start = local.replace(minute=0, second=0, microsecond=0)
    else:
        start = local.replace(second=0, microsecond=0)
    return start + WINDOWS.get(window, WINDOWS["minute"])  # wall-clock arithmetic in the town's zone


def is_urgent(event):
    """Events are urgent unless their plugin declared otherwise: a late message is worse than one at night."""
    found = api.message_events().get(event)
    return getattr(found[0], "urgent", True) if found else True


def quiet_until(message, now, config=None):
    """When a non-urgent message may go if `now` is within the town's quiet hours, else None.
    `config`: the town's settings when the caller has them already (one read per batch of rows)."""
    config = config or town_settings(message.town)
    start, end = int(config["quiet_from"]), int(config["quiet_until"])
    if start == end or is_urgent(message.event):
        return None
    local = api.town_localtime(message.town, now)
    hour = local.hour
    quiet = start <= hour < end if start < end else (hour >= start or hour < end)
    if not quiet:
        return None
    day = local.date() + datetime.timedelta(days=1) if start > end and hour >= start else local.date()
    return datetime.datetime.combine(day, datetime.time(end), tzinfo=local.tzinfo)


def over_budget(message, now, config=None):
    """The reason this row may not go (the number's daily budget in its town is used up), or "".

    Counted: rows to the number sent since the town's midnight, and older rows being sent right now. Two rows
    checked at once each see the other (a claim is committed before its check), and only the newer one yields,
    so the budget is never exceeded and never refused below it."""
    budget = int((config or town_settings(message.town))["daily_budget"] or 0)
    if budget <= 0:
        return ""
    local = api.town_localtime(message.town, now)
    midnight = datetime.datetime.combine(local.date(), datetime.time.min, tzinfo=local.tzinfo)
    used = (
        SmsMessage.objects.filter(town=message.town, phone=message.phone)
        .filter(Q(sent_at__gte=midnight) | Q(status=SmsStatus.SENDING, pk__lt=message.pk))
        .exclude(pk=message.pk)
        .count()
    )
    if used < budget:
        return ""
    return _("Not sent: this number has had %(budget)s text messages today, the town's daily limit per number.") % {
        "budget": budget
    }
