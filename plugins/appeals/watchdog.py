"""The deadline sweep's heartbeat. A row, not the cache: a flushed Redis must not look like a stopped sweep,
and a stopped beat must show in the admin even though nothing else fails."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

STALE_AFTER = timedelta(minutes=5)
DEADLINE_SWEEP = "deadline_sweep"


class Heartbeat(models.Model):
    name = models.CharField(max_length=40, unique=True)
    at = models.DateTimeField()

    class Meta:
        app_label = "appeals"


def beat(name=DEADLINE_SWEEP):
    Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})


def stale_warning(name=DEADLINE_SWEEP):
    """A Chinese (translated) warning when the sweep has not run within STALE_AFTER, else None."""
    last = Heartbeat.objects.filter(name=name).values_list("at", flat=True).first()
    if last is None:
        return _("The deadline sweep has never run: reminders, early warnings and escalations are not being sent. "
                 "Check that Celery beat and a worker are running.")
    if timezone.now() - last > STALE_AFTER:
        return _("The deadline sweep has not run for more than 5 minutes (last run %(at)s): reminders, early warnings "
                 "and escalations are not being sent. Check that Celery beat and a worker are running.") % {
            "at": timezone.localtime(last).strftime("%Y-%m-%d %H:%M")}
    return None


class WatchdogPanel(Component):
    """On the admin home page of anyone who works on cases, only when something is wrong."""

    name = "appeals_watchdog"
    order = 10
    template_name = "appeals/admin/watchdog_panel.html"

    def __init__(self, warning):
        self.warning = warning

    def get_context_data(self, parent_context):
        return {"warning": self.warning}
