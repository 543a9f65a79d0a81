"""What town admins do with the outbox: read its daily figures, and send a failed message again."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from cunwu.plugins import api

from .models import SmsMessage, SmsStatus


def event_label(code):
    """The event's description as its plugin declared it, else its code (an event of a plugin since removed)."""
    found = api.message_events().get(code)
    return str(found[0].description) if found else code


def daily_figures(town, days=7):
    """[(day, sent, delivered, failed)] for the town's last `days` days (its own calendar), newest first.

    A message counts on the day it was written; "sent" is every message the provider accepted (delivered ones
    too), "delivered" those whose receipt came back, "failed" those given up on."""
    today = api.town_today(town)
    since = api.town_localtime(town, timezone.now()).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=days - 1)
    accepted = [SmsStatus.SENT, SmsStatus.DELIVERED]
    rows = (
        SmsMessage.objects.filter(town=town, created_at__gte=since)
        .annotate(day=TruncDate("created_at", tzinfo=api.town_zone(town)))
        .values("day").order_by()
        .annotate(sent=Count("pk", filter=Q(status__in=accepted)),
                  delivered=Count("pk", filter=Q(status=SmsStatus.DELIVERED)),
                  failed=Count("pk", filter=Q(status=SmsStatus.FAILED)))
    )
    found = {row["day"]: row for row in rows}
    figures = []
    for back in range(days):
        day = today - timedelta(days=back)
        row = found.get(day, {})
        figures.append((day, row.get("sent", 0), row.get("delivered", 0), row.get("failed", 0)))
    return figures


def resend(message):
    """Queue a failed message again, as new: its attempts start over. Returns False when it is not failed."""
    from .service import enqueue

    with transaction.atomic():
        updated = SmsMessage.objects.filter(pk=message.pk, status=SmsStatus.FAILED).update(
            status=SmsStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), lease_until=None, error="",
        )
        if updated:
            transaction.on_commit(lambda: enqueue(message.pk))
    return bool(updated)
