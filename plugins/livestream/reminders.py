"""SMS reminders: a deadline row per subscription, and a sweep that hands each due row to the SMS outbox once."""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cunwu.plugins import api
from cunwu.plugins.api import mask_phone

from .models import BroadcastPage, Reminder, Subscription

logger = logging.getLogger(__name__)
SMS_EVENT = "livestream_reminder"
# What the town admin maps to the provider's template (the `sms_events` of this plugin).
SMS_EVENTS = [
    api.MessageEvent(
        SMS_EVENT, _("Broadcast reminder (to the villager who asked for it)"), ("title", "starts_at", "url", "unsubscribe_url"),
        _("{title} starts at {starts_at}. Watch: {url}  Stop reminders: {unsubscribe_url}"), urgent=False,
    ),
]


class TooLate(Exception):
    pass


def lead_time(town):
    return timedelta(minutes=int(api.plugin_settings(town, "livestream").get("reminder_minutes") or 30))


def due_time(broadcast, town):
    return broadcast.starts_at - lead_time(town)


def subscribe(broadcast, town, phone, now=None):
    """Returns the subscription; subscribing twice, or again after unsubscribing, keeps one row and one reminder."""
    now = now or timezone.now()
    if now >= broadcast.starts_at:
        raise TooLate
    with transaction.atomic():
        try:
            with transaction.atomic():
                subscription = Subscription.objects.create(broadcast=broadcast, town=town, phone=phone)
        except IntegrityError:
            subscription = Subscription.objects.select_for_update().get(broadcast=broadcast, phone=phone)
            subscription.unsubscribed_at = None
            subscription.save(update_fields=["unsubscribed_at"])
        reminder, created = Reminder.objects.get_or_create(
            subscription=subscription, defaults={"due_at": due_time(broadcast, town)}
        )
        if not created and reminder.sent_at is None and reminder.outcome == Reminder.Outcome.CANCELLED:
            reminder.outcome = Reminder.Outcome.PENDING
            reminder.save(update_fields=["outcome"])
    logger.info("reminder subscription for %s on broadcast %s", mask_phone(phone), broadcast.pk)
    return subscription


def unsubscribe(subscription, now=None):
    with transaction.atomic():
        subscription.unsubscribed_at = now or timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
        Reminder.objects.filter(subscription=subscription, sent_at__isnull=True).update(outcome=Reminder.Outcome.CANCELLED)


def reschedule(broadcast):
    """The start moved: unsent reminders follow it."""
    town = api.town_for_page(broadcast)
    if town is None:
        return 0
    return Reminder.objects.filter(subscription__broadcast=broadcast, sent_at__isnull=True).update(
        due_at=due_time(broadcast, town)
    )


def _message_params(subscription, broadcast):
    """The start in the town's zone, and links a phone can open: the town's canonical address, once each."""
    town = subscription.town
    return {
        "title": broadcast.title,
        "starts_at": date_format(api.town_localtime(town, broadcast.starts_at), "n月j日 H:i"),
        "url": api.town_url(town, broadcast),
        "unsubscribe_url": api.town_url(town, reverse("livestream:unsubscribe", args=[subscription.token])),
    }


def _deliver(reminder, now, seen):
    """`seen` keeps broadcasts and SMS services already looked up in this sweep: many reminders share them."""
    subscription = reminder.subscription
    key = ("broadcast", subscription.broadcast_id)
    if key not in seen:
        seen[key] = BroadcastPage.objects.live().filter(pk=subscription.broadcast_id).first()
    broadcast = seen[key]
    if subscription.unsubscribed_at or broadcast is None or broadcast.state_at(now) in ("ended", "replay"):
        reminder.outcome = Reminder.Outcome.CANCELLED
    else:
        key = ("sms", subscription.town_id)
        if key not in seen:
            seen[key] = api.get_service("sms", subscription.town)
        sms = seen[key]
        if sms is None:
            # No SMS plugin for this town: the row records that nobody could be reached, and is not retried.
            reminder.outcome = Reminder.Outcome.NO_SMS
        else:
            sms.send(subscription.town, subscription.phone, SMS_EVENT, _message_params(subscription, broadcast))
            reminder.outcome = Reminder.Outcome.SMS
    reminder.sent_at = now
    reminder.save(update_fields=["sent_at", "outcome"])


def sweep(now=None, batch=200):
    """Hand every due reminder to the SMS outbox. Workers running this at once skip each other's locked rows."""
    now = now or timezone.now()
    handled, failed, seen = 0, set(), {}
    while True:
        with transaction.atomic():
            due = list(
                Reminder.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(sent_at__isnull=True, due_at__lte=now)
                .exclude(outcome=Reminder.Outcome.CANCELLED)
                .exclude(pk__in=failed)
                .select_related("subscription__town")
                .order_by("due_at", "pk")[:batch]
            )
            for reminder in due:
                try:
                    with transaction.atomic():
                        _deliver(reminder, now, seen)
                    handled += 1
                except Exception:  # noqa: BLE001 - one bad row must not hold back the others; retried next sweep
                    failed.add(reminder.pk)
                    logger.exception("reminder %s for %s could not be queued", reminder.pk, mask_phone(reminder.subscription.phone))
        if len(due) < batch:
            return handled
