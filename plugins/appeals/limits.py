"""Time limits per triage level. Calendar time for now; working-day calendars replace `due` later."""

from datetime import timedelta

from django.utils import timezone

from .models import Level, State

# (to accept, to resolve) per level: red is urgent, green can wait.
LIMITS = {
    Level.RED: (timedelta(hours=4), timedelta(days=1)),
    Level.YELLOW: (timedelta(days=1), timedelta(days=5)),
    Level.GREEN: (timedelta(days=2), timedelta(days=10)),
}

OPEN_STATES = (State.SUBMITTED, State.ACCEPTED, State.IN_PROGRESS, State.REOPENED)


def due(level, state, start=None):
    """When the step a case has just entered must be done by, or None once nothing is pending."""
    start = start or timezone.now()
    to_accept, to_resolve = LIMITS[Level(level)]
    if state in (State.SUBMITTED, State.REOPENED):
        return start + to_accept
    if state == State.ACCEPTED:
        return start + to_resolve
    return None
