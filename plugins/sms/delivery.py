"""Claiming and sending outbox rows. A row is claimed with a lease, so a crashed worker's row is sent again
after the lease expires, always with the same OutId (the row id) so the provider can tell a repeat."""

import logging
import os
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cunwu.plugins.api import mask_phone

from .backends import PermanentError, RateLimited, SmsError, get_backend
from .models import SmsMessage, SmsStatus

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def lease_seconds():
    return int(getattr(settings, "CUNWU_SMS_LEASE_SECONDS", None) or os.environ.get("CUNWU_SMS_LEASE_SECONDS", 120))


def due_filter(now):
    return Q(status=SmsStatus.PENDING, next_attempt_at__lte=now) | Q(status=SmsStatus.SENDING, lease_until__lt=now)


def claim(message_id):
    now = timezone.now()
    with transaction.atomic():
        message = (
            SmsMessage.objects.select_for_update(skip_locked=True).filter(due_filter(now), pk=message_id).first()
        )
        if message is None:
            return None
        message.status = SmsStatus.SENDING
        message.attempts += 1
        message.lease_until = now + timedelta(seconds=lease_seconds())
        message.save(update_fields=["status", "attempts", "lease_until"])
    return message


def deliver(message_id):
    """Send one row if it is due and nobody else holds it. Returns the row's status afterwards (or None)."""
    message = claim(message_id)
    if message is None:
        return None
    now = timezone.now()
    try:
        message.provider_id = get_backend().send(message) or ""
    except PermanentError as exc:
        _finish(message, SmsStatus.FAILED, str(exc))
    except RateLimited as exc:
        _retry(message, now + timedelta(seconds=exc.wait_seconds), str(exc), count_attempt=False)
    except SmsError as exc:
        if message.attempts >= MAX_ATTEMPTS:
            _finish(message, SmsStatus.FAILED, str(exc))
        else:
            _retry(message, now + timedelta(seconds=min(5 * 2 ** (message.attempts - 1), 900)), str(exc))
    else:
        message.sent_at = timezone.now()
        _finish(message, SmsStatus.SENT, "", ["provider_id", "sent_at"])
    log.info("sms %s to %s: %s", message.pk, mask_phone(message.phone), message.status)
    return message.status


def _finish(message, status, error, extra=()):
    message.status, message.error, message.lease_until = status, error[:300], None
    message.save(update_fields=["status", "error", "lease_until", *extra])


def _retry(message, when, error, count_attempt=True):
    message.status, message.next_attempt_at, message.lease_until, message.error = SmsStatus.PENDING, when, None, error[:300]
    if not count_attempt:
        message.attempts -= 1
    message.save(update_fields=["status", "next_attempt_at", "lease_until", "error", "attempts"])


def due_ids(limit=500):
    return list(SmsMessage.objects.filter(due_filter(timezone.now())).order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
