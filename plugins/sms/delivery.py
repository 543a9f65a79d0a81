"""Claiming and sending outbox rows, and what is guaranteed.

At most one message on the phone per row, given a provider that answers a send-detail query (Aliyun's
QuerySendDetails by phone and date, matched by OutId = the row id; `BaseBackend.accepted`):

- a row is claimed with a lease; the claim's lease end is its token, and every outcome is written with a
  conditional UPDATE on that token, so a worker whose lease ran out and was taken over (or whose row a receipt
  already settled) changes nothing;
- a row that may have reached the provider before (any claim after the first: a sender killed mid-send, a
  timeout or network error after the request went out, a 5xx) is first looked up at the provider; if it was
  accepted, it is marked sent with the provider's id and not sent again. A failed lookup is retried later,
  never answered by sending blind.

Not guaranteed: that every row arrives (permanent errors, exhausted retries and the daily budget fail a row and
tell the town's staff); "once" against a provider whose query lags behind its acceptance, or a backend without a
query (console, file: those resend); "once" if a send outlives its lease while still in flight at the provider
(keep CUNWU_SMS_LEASE_SECONDS well above the backend's timeout); two rows queued for one event are two messages.
"""

import logging
import os
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cunwu.plugins.api import mask_phone

from . import limits
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
    morning = limits.quiet_until(message, now)
    if morning:
        _retry(message, morning, _("Quiet hours: sent in the morning."), count_attempt=False)
        return message.status
    backend = get_backend()
    try:
        if message.attempts > 1:
            if backend.accepted(message):  # its earlier attempt got through: the phone has it
                return _sent(message, message.provider_id)
        refusal = limits.over_budget(message, now)
        if refusal:
            from .receipts import failed

            failed(message, refusal, token=message.lease_until, notify_staff=False)
            return message.status
        provider_id = backend.send(message) or ""
    except PermanentError as exc:
        _fail(message, str(exc))
    except RateLimited as exc:
        _retry(message, limits.window_end(message.town, exc.window, now), str(exc))
    except SmsError as exc:
        if message.attempts >= MAX_ATTEMPTS:
            _fail(message, str(exc))
        else:
            _retry(message, now + timedelta(seconds=min(5 * 2 ** (message.attempts - 1), 900)), str(exc))
    else:
        _sent(message, provider_id)
    log.info("sms %s to %s: %s", message.pk, mask_phone(message.phone), message.status)
    return message.status


def settle(message, token, **fields):
    """Write this claim's outcome only while the claim is still the row's (the lease end is the token).
    True when written; False when another worker or a receipt got there first."""
    written = SmsMessage.objects.filter(pk=message.pk, status=SmsStatus.SENDING, lease_until=token).update(**fields)
    if written:
        for name, value in fields.items():
            setattr(message, name, value)
    else:
        message.refresh_from_db()
        log.warning("sms %s: lease lost before this attempt finished; its outcome is dropped", message.pk)
    return bool(written)


def _sent(message, provider_id):
    settle(message, message.lease_until, status=SmsStatus.SENT, provider_id=provider_id, sent_at=timezone.now(),
           error="", lease_until=None)
    return message.status


def _fail(message, error):
    from .receipts import failed

    failed(message, error, token=message.lease_until)


def _retry(message, when, error, count_attempt=True):
    settle(message, message.lease_until, status=SmsStatus.PENDING, next_attempt_at=when, lease_until=None,
           error=str(error)[:300], attempts=message.attempts - (0 if count_attempt else 1))


def due_ids(limit=500):
    return list(SmsMessage.objects.filter(due_filter(timezone.now())).order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
