"""Celery beat's scheduler: django-celery-beat's table, holding only the timers this install still has.

The core's and the installed plugins' timers (celery_app.schedule_periodic_tasks) are written into
django-celery-beat's PeriodicTask table, which never loses a row on its own: a plugin uninstalled, or left
out with CUNWU_EXCLUDE_PLUGINS, kept its row and beat kept sending a task no worker has. At start, before
reading the table, this scheduler deletes each row that `beat_schedule` does not declare and whose task no
installed app registers. If the plugin comes back, its timers are written again on the next start.
"""

import logging

from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

logger = logging.getLogger("cunwu.beat")


def forget_undeclared_timers(app):
    """Delete the timers of tasks this install no longer has; returns their names."""
    registered = app.tasks  # finalizes the app, which declares the timers (celery_app.schedule_periodic_tasks)
    declared = set(app.conf.beat_schedule)
    stale = [
        (name, task) for name, task in PeriodicTask.objects.exclude(name__in=declared).values_list("name", "task")
        if task not in registered
    ]
    for name, task in stale:
        logger.warning("beat: removing timer %s: no installed app has its task %s (plugin uninstalled?)", name, task)
    PeriodicTask.objects.filter(name__in=[name for name, _task in stale]).delete()
    return [name for name, _task in stale]


class Scheduler(DatabaseScheduler):
    def setup_schedule(self):
        forget_undeclared_timers(self.app)
        super().setup_schedule()
