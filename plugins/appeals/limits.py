"""Time limits per triage level, counted in working time on the town's calendar (the core's, through the API)."""

from datetime import time

from django.utils import timezone

from cunwu.plugins import api

from .models import Level, State
from .settings_form import DEFAULTS

OPEN_STATES = (State.SUBMITTED, State.ACCEPTED, State.IN_PROGRESS, State.REOPENED)


def town_settings(town):
    from cunwu.plugins.api import plugin_settings

    return plugin_settings(town, "appeals")


def calendar(town, settings=None):
    settings = settings or town_settings(town)
    opens, closes = (time.fromisoformat(settings.get(key, default)) for key, default in (
        ("office_opens", "09:00"), ("office_closes", "17:00")))
    return api.working_calendar(town, opens, closes)


def level_display(town, level, settings=None):
    """The town's own name and colour for a triage level."""
    settings = settings or town_settings(town)
    name, colour, _accept, _resolve = DEFAULTS[Level(level)]
    return settings.get(f"{level}_name", name), settings.get(f"{level}_colour", colour)


def step_limit(settings, level, state, category=None):
    """Working hours or days the step just entered may take, as (amount, unit) or None once nothing is pending.

    The category's own limit for the level wins over the town's (plugin settings), which wins over the defaults."""
    _name, _colour, accept, resolve = DEFAULTS[Level(level)]
    if state in (State.SUBMITTED, State.REOPENED):
        field, default, unit = f"{level}_accept_hours", accept, "hours"
    elif state == State.ACCEPTED:
        field, default, unit = f"{level}_resolve_days", resolve, "days"
    else:
        return None
    own = getattr(category, field, None)
    return (int(own) if own else int(settings.get(field, default))), unit


def timers(town, level, state, start=None, fractions=(1.0,), category=None):
    """When the step `state` entered at `start` reaches each fraction of its limit (working time), or [] if none."""
    start = start or timezone.now()
    settings = town_settings(town)
    limit = step_limit(settings, level, state, category)
    if limit is None:
        return []
    amount, unit = limit
    cal = calendar(town, settings)
    hours = amount * cal.day_hours if unit == "days" else amount
    return [cal.add(start, hours * fraction) for fraction in fractions]


def due(town, level, state, start=None, category=None):
    """When the step a case has just entered must be done by, or None once nothing is pending."""
    moments = timers(town, level, state, start, category=category)
    return moments[0] if moments else None
