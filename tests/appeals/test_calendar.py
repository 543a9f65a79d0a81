"""Time limits on working time: the town's calendar of holidays and make-up working days (调休)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from appeals.deadlines import Deadline, sweep
from appeals.models import State
from appeals.workcal import CalendarDay, DayKind, seed
from appeals.workflow import transition
from cunwu.plugins.switch import plugin_settings, save_plugin_settings

pytestmark = pytest.mark.django_db
CST = ZoneInfo("Asia/Shanghai")


def at(*args):
    return datetime(*args, tzinfo=CST)


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


def test_calendar_is_seeded_on_enabling_and_edited_by_the_town_admin(client, spring_festival, other_town, enable_plugin, make_user, appeals_town):
    from cunwu.towns.models import Role

    admin = make_user("townadmin", spring_festival, Role.TOWN_ADMIN)
    enable_plugin(other_town, "appeals")
    client.force_login(admin)
    listing = client.get("/admin/appeals/calendarday/")
    assert listing.status_code == 200 and "春节调休上班" in listing.content.decode()
    assert len(listing.context["object_list"]) < CalendarDay.objects.count()  # the other town's days are not listed
    created = client.post("/admin/appeals/calendarday/create/", {
        "town": spring_festival.pk, "day": "2026-12-31", "kind": "holiday", "name": "镇庆",
    })
    assert created.status_code == 302
    assert CalendarDay.objects.get(town=spring_festival, day=at(2026, 12, 31).date()).name == "镇庆"
    theirs = client.post("/admin/appeals/calendarday/create/", {
        "town": other_town.pk, "day": "2026-12-30", "kind": "holiday", "name": "x",
    })
    assert theirs.status_code in (200, 400, 403) and not CalendarDay.objects.filter(day=at(2026, 12, 30).date()).exists()
    days = dict(CalendarDay.objects.filter(town=appeals_town, day__year=2026).values_list("day", "kind"))
    assert days[at(2026, 2, 14).date()] == DayKind.WORKDAY  # Saturday before the Spring Festival
    assert days[at(2026, 10, 1).date()] == DayKind.HOLIDAY
    assert sum(kind == DayKind.HOLIDAY for kind in days.values()) == 33 + 1  # the official ones and 镇庆
    assert seed(appeals_town, 2026) == 0  # idempotent, and never overwrites what the town edited
