"""The town's working calendar (a core service): official holidays and make-up working days (调休) seeded when a
town is made, working-time arithmetic on them, the plugin API over it, and 设置 › 工作日历 for the town admin."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cunwu.plugins import api
from cunwu.towns.models import Role
from cunwu.workcal.calendar import WorkingCalendar
from cunwu.workcal.holidays import seed
from cunwu.workcal.models import CalendarDay, DayKind
from tests.core.test_admin_i18n import sidebar

pytestmark = pytest.mark.django_db
CST = ZoneInfo("Asia/Shanghai")
LISTING = "/admin/snippets/cunwu_workcal/calendarday/"


def at(*args):
    return datetime(*args, tzinfo=CST)


@pytest.fixture
def town(town):
    """西湖镇 with the official calendar of 2026, whichever year the test runs in (a town gets this year's and next)."""
    seed(town, 2026)
    return town


def test_a_new_town_starts_with_the_official_calendar_of_this_year_and_the_next(make_town):
    with time_machine.travel(at(2025, 12, 15, 10), tick=False):  # made in December: next year's notice is out
        town = make_town("新桥镇", "xinqiao.localhost", ("新桥村",), slug="xinqiao")
    days = dict(CalendarDay.objects.filter(town=town).values_list("day", "kind"))
    assert days[date(2026, 2, 14)] == DayKind.WORKDAY  # the Saturday before the Spring Festival
    assert days[date(2026, 10, 1)] == DayKind.HOLIDAY
    assert sorted(days.values()).count(DayKind.HOLIDAY) == 33 and len(days) == 33 + 6
    assert CalendarDay.objects.get(town=town, day=date(2026, 2, 17)).name == "春节"


def test_working_time_runs_through_a_make_up_saturday_and_skips_the_spring_festival(town):
    calendar = WorkingCalendar(town)
    assert calendar.add(at(2026, 2, 13, 16), 8) == at(2026, 2, 14, 16)  # one hour on Friday, seven on Saturday
    # five working days = 40 h: 2 h left on Feb 14, nothing Feb 15–23, Feb 24–27 (32 h), 6 h on the make-up Feb 28
    assert calendar.add_days(at(2026, 2, 14, 15), 5) == at(2026, 2, 28, 15)
    assert calendar.add(at(2026, 3, 2, 7), 1) == at(2026, 3, 2, 10)  # before office hours: counts from 09:00
    CalendarDay.objects.filter(town=town, day=date(2026, 2, 14)).delete()  # the town works no make-up Saturday
    assert WorkingCalendar(town).add(at(2026, 2, 13, 16), 8) == at(2026, 2, 24, 16)  # then the whole holiday


def test_one_calendar_reads_the_towns_entries_once_for_several_sums(town, django_assert_num_queries):
    calendar = WorkingCalendar(town, opens=time(8, 30), closes=time(17))
    with django_assert_num_queries(1):
        moments = [calendar.add(at(2026, 2, 13, 16), hours) for hours in (2, 8, 34)]
        assert calendar.is_working_day(date(2026, 2, 28))
    # 1 h on Friday, then from 08:30 on the make-up Saturday; 34 h: 9.5 by Saturday, Feb 24–25 (17), 7.5 on Feb 26
    assert moments == [at(2026, 2, 14, 9, 30), at(2026, 2, 14, 15, 30), at(2026, 2, 26, 16)]


def test_a_towns_own_entries_count_there_only(town, other_town):
    CalendarDay.objects.create(town=other_town, day=date(2026, 3, 2), kind=DayKind.HOLIDAY, name="柳河镇庆")
    assert not api.is_working_day(other_town, date(2026, 3, 2))
    assert api.is_working_day(town, date(2026, 3, 2))


def test_the_plugin_api_counts_working_days_on_the_towns_calendar(town):
    assert api.is_working_day(town, date(2026, 2, 14))  # make-up Saturday
    assert not api.is_working_day(town, date(2026, 2, 16)) and not api.is_working_day(town, date(2026, 3, 1))
    assert api.add_working_days(town, date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert api.add_working_days(town, date(2026, 2, 13), 2) == date(2026, 2, 24)
    assert api.add_working_days(town, at(2026, 2, 13, 16), 1) == at(2026, 2, 14, 16)
    assert api.working_calendar(town, time(8, 30)).day_hours == 8.5
    assert api.working_calendar(town, closes=time(12)).add(at(2026, 3, 2, 11), 2) == at(2026, 3, 3, 10)


def refused(response):
    """Wagtail sends whoever lacks the right back to the dashboard (302), or answers 403/404; never the login."""
    return response.status_code in (302, 403, 404) and "/login" not in response.get("Location", "") \
        and "柳河镇庆" not in response.content.decode()


def test_the_town_admin_keeps_the_own_towns_calendar_under_settings_and_no_other_towns(client, town, other_town, make_user):
    theirs = CalendarDay.objects.create(town=other_town, day=date(2026, 12, 30), kind=DayKind.HOLIDAY, name="柳河镇庆")
    client.force_login(make_user("xihu-admin", town, Role.TOWN_ADMIN))
    listing = client.get(LISTING, HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = listing.content.decode()
    assert listing.status_code == 200 and "国庆节调休上班" in page and "调休上班日" in page and "柳河镇庆" not in page
    assert listing.context["paginator"].count == CalendarDay.objects.filter(town=town).count()
    assert {day.town_id for day in listing.context["object_list"]} == {town.pk}
    urls, labels = sidebar(client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode())
    assert LISTING in urls and labels.index("工作日历") > labels.index("设置")  # an item of the 设置 menu
    assert refused(client.get(f"{LISTING}edit/{theirs.pk}/")) and refused(client.post(f"{LISTING}delete/{theirs.pk}/"))
    assert CalendarDay.objects.filter(pk=theirs.pk).exists()
    created = client.post(f"{LISTING}add/", {"town": town.pk, "day": "2026-12-31", "kind": "holiday", "name": "镇庆"})
    assert created.status_code == 302 and not api.is_working_day(town, date(2026, 12, 31))
    elsewhere = client.post(f"{LISTING}add/", {"town": other_town.pk, "day": "2026-12-29", "kind": "holiday", "name": "x"})
    assert elsewhere.status_code in (200, 400, 403) and not CalendarDay.objects.filter(day=date(2026, 12, 29)).exists()


def test_a_town_editor_does_not_change_the_calendar(client, town, make_user):
    client.force_login(make_user("xihu-editor", town, Role.TOWN_EDITOR))
    client.post(f"{LISTING}add/", {"town": town.pk, "day": "2026-12-31", "kind": "holiday", "name": "镇庆"})
    assert api.is_working_day(town, date(2026, 12, 31))
    assert refused(client.get(LISTING))
