import logging

from celery import shared_task

from .delivery import deliver, due_ids
from .receipts import pull_receipts

logger = logging.getLogger(__name__)


@shared_task(name="sms.send")
def send_sms(message_id):
    return deliver(message_id)


@shared_task(name="sms.sweep")
def sms_sweep():
    """Every 30 s: send rows that are due or whose sender died (lease expired). Claims skip rows others hold.

    Rows of every town share the sweep: one that raises is logged and left to its lease (retried later), and the
    rows after it are still sent."""
    sent = 0
    for message_id in due_ids():
        try:
            sent += bool(deliver(message_id))
        except Exception:  # noqa: BLE001 - see the docstring
            logger.exception("sms %s could not be sent; the other messages still go", message_id)
    return sent


@shared_task(name="sms.pull_receipts")
def sms_pull_receipts():
    """Every 5 minutes: receipts of sent rows, for providers that do not push them (see receipts.py)."""
    return pull_receipts()
