"""A category may set its own limits per triage level; empty fields fall back to the town's settings."""

import pytest
import time_machine

from appeals.deadlines import Deadline
from appeals.models import Category, State
from appeals.workflow import transition
from cunwu.plugins.switch import plugin_settings, save_plugin_settings
from tests.appeals.test_calendar import at

pytestmark = pytest.mark.django_db


def test_category_limits_override_the_towns_per_level_limits_in_due_dates_and_deadlines(appeals_town, new_case, make_user):
    from cunwu.towns.models import Role

    handler = make_user("handler", appeals_town, Role.VILLAGE_STAFF, appeals_town.villages.get(name="北沟村"))
    save_plugin_settings(appeals_town, "appeals", {**plugin_settings(appeals_town, "appeals"), "yellow_accept_hours": 2})
    urgent = Category.objects.get(town=appeals_town, name="村务公开")
    urgent.yellow_accept_hours, urgent.yellow_resolve_days, urgent.red_accept_hours = 1, 2, 3
    urgent.save()
    with time_machine.travel(at(2026, 3, 2, 9), tick=False):  # Monday 09:00, office 09:00–17:00
        town_limit = new_case()  # 低保救助 has no limits of its own: the town's 2 working hours
        own_limit = new_case(category=urgent, kind="question")
    assert town_limit.due_at == at(2026, 3, 2, 11)
    assert own_limit.due_at == at(2026, 3, 2, 10)
    warn = Deadline.objects.get(case=own_limit, kind="warn")
    assert warn.due_at == own_limit.due_at
    assert Deadline.objects.get(case=own_limit, kind="remind").due_at == at(2026, 3, 2, 9, 48)  # 80% of one hour

    with time_machine.travel(at(2026, 3, 2, 9, 30), tick=False):
        own_limit = transition(own_limit, State.ACCEPTED, handler)
        town_limit = transition(town_limit, State.ACCEPTED, handler)
    own_limit.refresh_from_db()
    town_limit.refresh_from_db()
    # two working days (16 h) from Monday 09:30 → Wednesday 09:30; the town's yellow default is five days
    assert own_limit.due_at == own_limit.resolve_due_at == at(2026, 3, 4, 9, 30)
    assert town_limit.due_at == at(2026, 3, 9, 9, 30)
    assert Deadline.objects.get(case=own_limit, step__to_state="accepted", kind="warn").due_at == at(2026, 3, 4, 9, 30)
