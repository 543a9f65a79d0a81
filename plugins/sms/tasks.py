import logging
import threading

from celery import shared_task
from django.db import transaction

from .delivery import BATCH, deliver, deliver_many
from .receipts import pull_receipts

logger = logging.getLogger(__name__)
SWEEP_LIMIT = 500  # rows per sweep; the next sweep (30 s later) takes the rest


@shared_task(name="sms.send")
def send_sms(message_id):
    """One row (tasks queued one per row before batches; a resend)."""
    return deliver(message_id)


@shared_task(name="sms.send_batch")
def send_batch(message_ids):
    """The rows one transaction queued, up to BATCH of them; rows already sent or held by others are skipped."""
    return sum(status is not None for status in deliver_many(message_ids, limit=len(message_ids)).values())


_queued = threading.local()


def enqueue_after_commit(message_id):
    """Queue the row's sending for when the current transaction commits, as one task per BATCH rows.

    Ids gather per thread; every row registers the same flush, and the first one to run at commit sends them
    all (a savepoint rolled back drops only its own flushes; a rolled-back row's id is sent and skipped)."""
    pending = getattr(_queued, "ids", None)
    if pending is None:
        pending = _queued.ids = []
    pending.append(message_id)
    transaction.on_commit(_flush_queued)


def _flush_queued():
    ids, _queued.ids = getattr(_queued, "ids", None) or [], []
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        try:
            send_batch.delay(chunk)
        except Exception:  # the broker may be down; the sweep sends the rows later
            logger.warning("could not enqueue sms %s; the sweep will send them", chunk, exc_info=True)


@shared_task(name="sms.sweep")
def sms_sweep():
    """Every 30 s: send rows that are due or whose sender died (lease expired), BATCH per claim. Claims skip rows
    others hold, so two sweeps at once (two beats) share the rows instead of sending them twice.

    Rows of every town share the sweep: one that raises is logged and left to its lease (retried later), and the
    rows after it are still sent."""
    sent = claimed = 0
    while claimed < SWEEP_LIMIT:
        outcomes = deliver_many(limit=min(BATCH, SWEEP_LIMIT - claimed))
        if not outcomes:
            break
        claimed += len(outcomes)
        sent += sum(status is not None for status in outcomes.values())
    return sent


@shared_task(name="sms.pull_receipts")
def sms_pull_receipts():
    """Every 5 minutes: receipts of sent rows, for providers that do not push them (see receipts.py)."""
    return pull_receipts()
