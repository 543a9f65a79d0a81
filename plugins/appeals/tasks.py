import logging

from celery import shared_task

from cunwu.plugins.api import town_periodic_task

from .sms.delivery import deliver, due_ids

logger = logging.getLogger(__name__)


@shared_task(name="appeals.sms_send")
def send_sms(message_id):
    return deliver(message_id)


@shared_task(name="appeals.sms_sweep")
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


@shared_task(name="appeals.deadline_sweep")
def deadline_sweep():
    """Every minute: fire due escalation timers, each exactly once."""
    from .deadlines import sweep

    return sweep()


@town_periodic_task("appeals")
def _close_unrated(town):
    from .workflow import close_unrated as close

    return close(town)


@shared_task(name="appeals.close_unrated")
def close_unrated():
    """Hourly: resolved cases without a rating after the town's limit (7 days by default) close as not rated."""
    return _close_unrated()
