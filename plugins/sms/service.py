"""The "sms" service other plugins get through `api.get_service("sms", town)`."""

import logging

from django.db import transaction
from django.utils import timezone

from cunwu.plugins.api import mask_phone

from .models import SmsMessage

log = logging.getLogger(__name__)


class SmsService:
    def send(self, town, phone, event, params=None, template_code=""):
        """Queue a message; call inside the business change's transaction so both commit or neither does."""
        from .templates import render

        params = dict(params or {})
        code, text = render(town, event, params)
        message = SmsMessage.objects.create(
            town=town, phone=str(phone), event=event, template_code=template_code or code, text=text,
            params=params, next_attempt_at=timezone.now(),
        )
        log.info("sms queued %s for %s", event, mask_phone(phone))
        from .tasks import enqueue_after_commit

        enqueue_after_commit(message.pk)  # one task per batch of rows the transaction queued
        return message


def enqueue(message_id):
    from .tasks import send_sms

    try:
        send_sms.delay(message_id)
    except Exception:  # the broker may be down; the sweep sends the row later
        log.warning("could not enqueue sms %s; the sweep will send it", message_id, exc_info=True)


sms = SmsService()
