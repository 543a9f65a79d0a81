"""Appeals' time limits on working time: the town's calendar of holidays and make-up working days (调休), which is
the core's (tests/core/test_workcal.py tests its arithmetic and its admin) since it moved out of the plugin."""

from datetime import date

import pytest
import time_machine
from django.db import connection

from appeals.deadlines import Deadline, sweep
from appeals.models import State
from appeals.workflow import transition
from cunwu.plugins import api
from cunwu.plugins.switch import plugin_settings, save_plugin_settings
from cunwu.workcal.holidays import seed
from cunwu.workcal.models import CalendarDay
from tests.core.test_workcal import at  # the other appeals tests import it from here
from tests.sms.test_migration import back_to_latest, latest, migrate  # noqa: F401  (back_to_latest: a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def spring_festival(appeals_town):
    seed(appeals_town, 2026)
    return appeals_town


def test_limits_run_through_a_make_up_saturday_and_skip_the_spring_festival(spring_festival, new_case, make_user):
    from cunwu.towns.models import Role

    handler = make_user("handler", spring_festival, Role.VILLAGE_STAFF, spring_festival.villages.get(name="北沟村"))
    with time_machine.travel(at(2026, 2, 13, 16), tick=False):  # Friday 16:00, yellow: 8 working hours to accept
        case = new_case()
    # one hour on Friday, seven on the make-up Saturday
    assert case.due_at == at(2026, 2, 14, 16)
    with time_machine.travel(at(2026, 2, 14, 15), tick=False):
        assert sweep() == 1  # the reminder at 80% (Saturday 14:24) fired on the working Saturday
        case = transition(case, State.ACCEPTED, handler)
    # five working days = 40 h: 2 h left on Feb 14, nothing Feb 15–23, Feb 24–27 (32 h), 6 h on the make-up Feb 28
    case.refresh_from_db()
    assert case.due_at == at(2026, 2, 28, 15)
    warn = Deadline.objects.get(case=case, step__to_state="accepted", kind="warn")
    assert warn.due_at == at(2026, 2, 28, 15)
    with time_machine.travel(at(2026, 2, 23, 23), tick=False):
        sweep()  # the holiday week used none of the limit: not even the reminder is due yet
    assert not Deadline.objects.filter(case=case, step__to_state="accepted").exclude(fired_at=None).exists()
    CalendarDay.objects.filter(town=spring_festival, day=at(2026, 2, 14).date()).delete()
    with time_machine.travel(at(2026, 2, 13, 16), tick=False):
        case = new_case()
    assert case.due_at == at(2026, 2, 24, 16)  # Saturday off, then the whole holiday


def test_settings_form_sets_limits_names_and_colours(spring_festival, new_case):
    from appeals.settings_form import AppealsSettingsForm

    bad = AppealsSettingsForm({**plugin_settings(spring_festival, "appeals"), "red_colour": "red", "office_opens": "18:00"})
    assert not bad.is_valid()
    assert "#RRGGBB" in str(bad.errors["red_colour"]) and bad.non_field_errors()
    form = AppealsSettingsForm({**plugin_settings(spring_festival, "appeals"), "yellow_accept_hours": "2",
                                "yellow_name": "橙色", "office_opens": "08:30"})
    assert form.is_valid(), form.errors
    save_plugin_settings(spring_festival, "appeals", form.cleaned_data)
    with time_machine.travel(at(2026, 3, 2, 8), tick=False):  # Monday before office hours
        case = new_case()
    assert case.due_at == at(2026, 3, 2, 10, 30)
    from appeals.limits import level_display

    assert level_display(spring_festival, "yellow") == ("橙色", "#d4a017")


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=True)
def test_the_calendar_is_the_cores_and_every_towns_entries_survive_the_move(back_to_latest, town, other_town):
    """appeals 0016 copies each town's entries to cunwu_workcal, then cunwu_workcal 0002 seeds the towns without any."""
    old = migrate([("appeals", "0015_attachments_to_private_storage"), ("cunwu_workcal", None)])
    Old = old.get_model("appeals", "CalendarDay")
    Old.objects.all().delete()
    Old.objects.create(town_id=town.pk, day=date(2026, 12, 31), kind="holiday", name="镇庆")  # the town's own day
    Old.objects.create(town_id=town.pk, day=date(2026, 2, 16), kind="workday", name="值班")  # and its own change
    assert "cunwu_workcal_calendarday" not in connection.introspection.table_names()
    with time_machine.travel(at(2026, 6, 1, 10), tick=False):
        new = migrate(latest())
    assert "appeals_calendarday" not in connection.introspection.table_names()
    CalendarDay = new.get_model("cunwu_workcal", "CalendarDay")
    assert set(CalendarDay.objects.filter(town_id=town.pk).values_list("day", "kind", "name")) == {
        (date(2026, 12, 31), "holiday", "镇庆"), (date(2026, 2, 16), "workday", "值班")}  # not re-seeded over
    theirs = dict(CalendarDay.objects.filter(town_id=other_town.pk).values_list("day", "kind"))
    assert len(theirs) == 33 + 6 and theirs[date(2026, 2, 14)] == "workday"  # a town without entries is seeded
    assert api.is_working_day(town, date(2026, 2, 16)) and not api.is_working_day(town, date(2026, 12, 31))
