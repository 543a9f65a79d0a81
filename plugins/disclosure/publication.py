"""Monthly publication: remind villages that have not published last month, warn supervisors later, and the board.

Each reminder and warning is recorded as a `Notice` row before it is sent; the unique constraint on that row
is what makes a sweep that runs every hour (on several workers at once) send it exactly once.
"""

import logging
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cunwu.plugins import api

from .models import LOCKED, LedgerMonth
from .notice_models import Notice

log = logging.getLogger(__name__)
REMIND_ROLES = ("village_editor", "village_staff")
SMS_REMINDER = "disclosure.publish_reminder"
# What the town admin maps to the provider's template (the `sms_events` of this plugin).
SMS_EVENTS = [
    api.MessageEvent(
        SMS_REMINDER, gettext_lazy("Publication reminder (to the village's contact)"), ("village", "month"),
        gettext_lazy("{village} has not yet published the finance ledger of {month}. Please publish it."), urgent=False,
    ),
]


def previous_month(day):
    return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)


def next_month(year, month):
    return (year + 1, 1) if month == 12 else (year, month + 1)


def town_settings(town):
    settings = api.plugin_settings(town, "disclosure")
    return int(settings.get("reminder_day") or 5), int(settings.get("warning_day") or 10)


def deadline(town, reminder_day, year, month):
    """A month is on time when published before the reminder day of the month after it, in the town's zone."""
    following = api.town_month_bounds(town, year, month)[1]
    return following.replace(day=reminder_day)


def first_published(villages, periods):
    """{(village_id, year, month): when its first version was published} for the given villages and months."""
    years = {year for year, _month in periods}
    rows = (
        LedgerMonth.objects.filter(village__in=villages, status__in=LOCKED, year__in=years)
        .values("village_id", "year", "month").annotate(first=Min("published_at")).order_by()
    )
    return {(r["village_id"], r["year"], r["month"]): r["first"] for r in rows if (r["year"], r["month"]) in periods}


def _claim(town, village, kind, key, channel):
    """The Notice row, or None when another sweep already sent this one."""
    try:
        with transaction.atomic():
            return Notice.objects.create(town=town, village=village, kind=kind, subject_key=key, channel=channel)
    except IntegrityError:
        return None


def _remind(town, village, year, month, sms):
    key = f"{year}-{month:02d}"
    phone = village.contact_phone.strip()
    channel = Notice.Channel.SMS if sms is not None and phone else Notice.Channel.NOTIFY
    with transaction.atomic():
        notice = _claim(town, village, Notice.Kind.REMINDER, key, channel)
        if notice is None:
            return 0
        if channel == Notice.Channel.SMS:
            sms.send(town, phone, SMS_REMINDER, {"village": village.name, "month": key})
            notice.recipients = 1
        else:
            text = _("%(village)s has not yet published the finance ledger of %(year)s-%(month)02d. Please publish it.") % {
                "village": village.name, "year": year, "month": month}
            notice.recipients = api.notify(town, REMIND_ROLES, _("Publish last month's finance ledger"), text)
        notice.save(update_fields=["recipients"])
    return 1


def _warn(town, village, year, month):
    key = f"{year}-{month:02d}"
    with transaction.atomic():
        notice = _claim(town, village, Notice.Kind.WARNING, key, Notice.Channel.NOTIFY)
        if notice is None:
            return 0
        text = _("Early warning: %(village)s has still not published the finance ledger of %(year)s-%(month)02d, "
                 "although it was reminded.") % {"village": village.name, "year": year, "month": month}
        notice.recipients = api.notify(town, ("supervisor",), _("Finance ledger not published"), text)
        notice.save(update_fields=["recipients"])
    return 1


def sweep_town(town, today=None):
    """Send what today's date calls for in one town; returns {"reminders": n, "warnings": n}."""
    today = today or api.town_today(town)
    reminder_day, warning_day = town_settings(town)
    year, month = previous_month(today)
    sent = {"reminders": 0, "warnings": 0}
    if today.day < reminder_day:
        return sent
    villages = list(town.villages.all())
    published = first_published(villages, {(year, month)})
    missing = [v for v in villages if (v.pk, year, month) not in published]
    sms = api.get_service("sms", town) if missing else None
    for village in missing:
        sent["reminders"] += _remind(town, village, year, month, sms)
        if today.day >= warning_day:
            sent["warnings"] += _warn(town, village, year, month)
    if any(sent.values()):
        log.info("disclosure publication sweep %s: %s", town.slug, sent)
    return sent


ON_TIME, LATE, MISSING, DUE = "on_time", "late", "missing", "due"


def compliance(town, months=12, today=None):
    """Rows of (village, [(year, month, state, published_at)]) for the last `months` months, oldest first."""
    today = today or api.town_today(town)
    periods, (year, month) = [], previous_month(today)
    for _i in range(months):
        periods.append((year, month))
        year, month = previous_month(date(year, month, 1))
    periods.reverse()
    villages = list(town.villages.all())
    published = first_published(villages, set(periods))
    now, (reminder_day, _warning_day) = timezone.now(), town_settings(town)
    rows = []
    for village in villages:
        cells = []
        for year, month in periods:
            when = published.get((village.pk, year, month))
            limit = deadline(town, reminder_day, year, month)
            if when is not None:
                state = ON_TIME if when < limit else LATE
            else:
                state = MISSING if now >= limit else DUE
            cells.append((year, month, state, when))
        rows.append((village, cells))
    return periods, rows


# The plugin's other SMS events: apps.py points at this one list.
from .record_warnings import SMS_EVENTS as RECORD_WARNING_EVENTS  # noqa: E402

SMS_EVENTS = [*SMS_EVENTS, *RECORD_WARNING_EVENTS]
