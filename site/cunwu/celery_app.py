import os

from celery import Celery, signals
from celery.schedules import crontab

from cunwu import paths

os.environ.setdefault("DJANGO_SETTINGS_MODULE", paths.DEFAULT_SETTINGS_MODULE)

app = Celery("cunwu")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def schedule_periodic_tasks(sender, **kwargs):
    """Core timers plus those the installed plugins declare; each plugin task skips towns that did not enable it."""
    from django.conf import settings

    from cunwu.plugins.registry import periodic_schedule

    sender.conf.beat_schedule = {
        "cunwu:flush-visits": {"task": "cunwu.visits.flush", "schedule": float(settings.CUNWU_VISITS_FLUSH_SECONDS)},
        # A safety net: publishing keeps the index current; this repairs anything a failed hook left behind.
        "cunwu:rebuild-search": {"task": "cunwu.search.rebuild", "schedule": 3600.0},
        # Personal data past each town's retention period is anonymised at night (cunwu/security/retention.py).
        "cunwu:retention-sweep": {"task": "cunwu.retention_sweep", "schedule": crontab(hour=3, minute=30)},
        **periodic_schedule(),
    }


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def mask_personal_data_in_worker_logs(logger, **kwargs):
    """The worker replaces the handlers Django's LOGGING set up; its own get the masking filter too."""
    from cunwu.towns.logging import mask_handlers

    mask_handlers(logger)
