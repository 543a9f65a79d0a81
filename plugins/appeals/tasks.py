from celery import shared_task

from .sms.delivery import deliver, due_ids


@shared_task(name="appeals.sms_send")
def send_sms(message_id):
    return deliver(message_id)


@shared_task(name="appeals.sms_sweep")
def sms_sweep():
    """Every 30 s: send rows that are due or whose sender died (lease expired). Claims skip rows others hold."""
    return sum(1 for message_id in due_ids() if deliver(message_id))


@shared_task(name="appeals.deadline_sweep")
def deadline_sweep():
    """Every minute: fire due escalation timers, each exactly once."""
    from .deadlines import sweep

    return sweep()


@shared_task(name="appeals.close_unrated")
def close_unrated():
    """Hourly: resolved cases without a rating after the town's limit (7 days by default) close as not rated."""
    from cunwu.plugins.api import enabled_towns

    from .workflow import close_unrated as close

    return {town.slug: close(town) for town in enabled_towns("appeals")}
