"""Delivery receipts and what a failed message sets off.

The provider tells whether the phone got a message either by pushing receipts (Aliyun's SmsReport: a JSON
array POSTed to the callback URL, answered {"code": 0}) or only through a query (`pull_receipts`, periodic).
Each receipt is matched by OutId (the row id) and the provider's id, and settles the row delivered or failed.

A row that fails for good (a permanent error, exhausted retries, a failed receipt, the daily budget) sends
`api.sms_failed`, so the plugin that queued it can note it (appeals: a line on the case's trail), and tells the
town's administrators, once: only the worker or receipt that actually moved the row to "failed" does.
"""

import json
import logging
from datetime import timedelta

from django.db.models import Q
from django.http import HttpResponseForbidden, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cunwu.plugins import api

from .backends import SmsError, backend_config, get_backend
from .models import SmsMessage, SmsStatus

log = logging.getLogger(__name__)
PULL_AFTER = timedelta(minutes=1)  # a receipt usually arrives within seconds; ask only after this
PULL_FOR = timedelta(days=3)  # Aliyun keeps send details for 30 days; a receipt this late will not come


def failed(message, reason, token=None, notify_staff=True):
    """Mark the row failed (only while `token`, the claim's lease end, is still its own, if given) and tell."""
    rows = SmsMessage.objects.filter(pk=message.pk).exclude(status__in=[SmsStatus.FAILED, SmsStatus.DELIVERED])
    if token is not None:
        rows = rows.filter(status=SmsStatus.SENDING, lease_until=token)
    reason = str(reason)[:300]
    if not rows.update(status=SmsStatus.FAILED, error=reason, lease_until=None):
        message.refresh_from_db()
        return False
    message.status, message.error, message.lease_until = SmsStatus.FAILED, reason, None
    log.warning("sms %s to %s failed: %s", message.pk, api.mask_phone(message.phone), reason)
    api.sms_failed.send_robust(sender=SmsMessage, town=message.town, message=message, event=message.event,
                               params=message.params, reason=reason)
    if notify_staff:
        api.notify(
            message.town, [api.Role.TOWN_ADMIN],
            _("Text message to %(phone)s not delivered") % {"phone": message.masked_phone},
            _("%(event)s: %(reason)s") % {"event": message.event, "reason": reason},
        )
    return True


def apply_receipt(out_id, provider_id, delivered, error=""):
    """Settle one row by the provider's receipt; a receipt of a row it cannot match changes nothing."""
    try:
        pk = int(out_id)
    except (TypeError, ValueError):
        return False
    rows = SmsMessage.objects.filter(pk=pk).filter(Q(provider_id=provider_id) | Q(provider_id="")).exclude(
        status__in=[SmsStatus.DELIVERED, SmsStatus.FAILED]
    )
    message = rows.select_related("town").first()
    if message is None or not provider_id:
        return False
    if delivered:
        # Settles a row still "sending" (its worker died) or waiting for a retry too: it is on the phone.
        return bool(rows.update(status=SmsStatus.DELIVERED, provider_id=provider_id, error="", lease_until=None,
                                sent_at=message.sent_at or timezone.now()))
    SmsMessage.objects.filter(pk=pk, provider_id="").update(provider_id=provider_id)
    return failed(message, _("The provider reports it undelivered: %(error)s") % {"error": error or "?"})


@csrf_exempt
@require_POST
def provider_report(request):
    """Aliyun's SmsReport push. The URL goes to the provider's console with ?token= when the backend has a
    `receipt_token`; rows are matched by both their id and the provider's id, so a guess settles nothing."""
    token = backend_config().get("OPTIONS", {}).get("receipt_token")
    if token and request.GET.get("token") != token:
        return HttpResponseForbidden()
    try:
        reports = json.loads(request.body)
    except ValueError:
        return JsonResponse({"code": 1, "msg": "not JSON"}, status=400)
    for report in reports if isinstance(reports, list) else [reports]:
        if isinstance(report, dict):
            apply_receipt(report.get("out_id"), report.get("biz_id", ""), bool(report.get("success")),
                          f"{report.get('err_code', '')} {report.get('err_msg', '')}".strip())
    return JsonResponse({"code": 0, "msg": "成功"})


@api.town_periodic_task("sms")
def pull_receipts(town, limit=200):
    """For providers without a push: ask about the town's sent rows that have no receipt yet. Returns how many settled."""
    now = timezone.now()
    waiting = SmsMessage.objects.filter(
        town=town, status=SmsStatus.SENT, sent_at__lte=now - PULL_AFTER, sent_at__gte=now - PULL_FOR,
    ).exclude(provider_id="").order_by("sent_at")[:limit]
    backend, settled = get_backend(), 0
    for message in waiting:
        try:
            answer = backend.receipt(message)
        except SmsError as exc:
            log.warning("sms %s: receipt query failed (%s); asked again next time", message.pk, exc)
            continue
        if answer is None:
            return settled  # this backend cannot be asked
        delivered, error = answer
        if delivered is not None:
            settled += apply_receipt(message.pk, message.provider_id, delivered, error)
    return settled
