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
from django.db.models import F, Q
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


BATCH = 50  # rows per claim: one UPDATE and one task carry this many sends


def claim(ids=None, limit=BATCH):
    """Claim up to `limit` due rows (of `ids`, or any) that nobody else holds, in one statement's lock.

    They share one lease end, this claim's token; each outcome is still written row by row against it."""
    now = timezone.now()
    token = now + timedelta(seconds=lease_seconds())
    with transaction.atomic():
        rows = SmsMessage.objects.select_for_update(skip_locked=True, of=("self",)).select_related("town").filter(due_filter(now))
        if ids is not None:
            rows = rows.filter(pk__in=ids)
        claimed = list(rows.order_by("next_attempt_at")[:limit])
        if claimed:
            SmsMessage.objects.filter(pk__in=[message.pk for message in claimed]).update(
                status=SmsStatus.SENDING, attempts=F("attempts") + 1, lease_until=token,
            )
    for message in claimed:
        message.status, message.attempts, message.lease_until = SmsStatus.SENDING, message.attempts + 1, token
    return claimed


def deliver(message_id):
    """Send one row if it is due and nobody else holds it. Returns the row's status afterwards (or None)."""
    return deliver_many([message_id]).get(message_id)


def deliver_many(ids=None, limit=BATCH):
    """Claim and send up to `limit` due rows (of `ids`, or the next due ones) over one backend (one HTTP session).
    Returns {row id: status afterwards} of the rows claimed.

    A row that raises is logged and left to its lease (the sweep retries it); the others are still sent. Rows
    are sent one after another on one lease, so a row is only sent while the lease outlasts the backend's
    timeout; the rest go back to the queue, due now, and are not counted as an attempt."""
    claimed = claim(ids, limit)
    if not claimed:
        return {}
    backend = get_backend()
    timeout = timedelta(seconds=float(backend.options.get("timeout", 10)))
    outcomes, town_settings = {}, {}
    for position, message in enumerate(claimed):
        if position and timezone.now() + timeout > message.lease_until:
            _retry(message, timezone.now(), message.error, count_attempt=False)
            continue
        try:
            if message.town_id not in town_settings:
                town_settings[message.town_id] = limits.town_settings(message.town)
            outcomes[message.pk] = _deliver_claimed(message, backend, town_settings[message.town_id])
        except Exception:  # noqa: BLE001 - see the docstring
            log.exception("sms %s could not be sent; the other messages still go", message.pk)
    return outcomes


def _deliver_claimed(message, backend, config):
    now = timezone.now()
    morning = limits.quiet_until(message, now, config)
    if morning:
        _retry(message, morning, _("Quiet hours: sent in the morning."), count_attempt=False)
        return message.status
    try:
        if message.attempts > 1:
            if backend.accepted(message):  # its earlier attempt got through: the phone has it
                return _sent(message, message.provider_id)
        refusal = limits.over_budget(message, now, config)
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
