from celery import shared_task


@shared_task(name="livestream.send_due_reminders")
def send_due_reminders():
    from .reminders import sweep

    return sweep()
