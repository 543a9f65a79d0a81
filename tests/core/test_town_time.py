"""One time zone per town: deadlines and monthly figures are counted in the town's zone, whoever is signed in
(Wagtail's admin runs each request in the staff member's profile zone, which they may set to anything offered)."""

import csv
import datetime
import io
import re
import zoneinfo

import pytest
import time_machine

pytestmark = pytest.mark.django_db

BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
UTC = datetime.timezone.utc
TUESDAY = datetime.date(2026, 3, 3)  # a plain working day


def beijing(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BEIJING)


def profile_zone(user, zone):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.current_time_zone = zone
    profile.save()
    return user


@pytest.fixture
def red_category(town, enable_plugin):
    from appeals.models import Category, Level

    enable_plugin(town, "appeals")
    return Category.objects.create(town=town, name="紧急求助", kinds="report", default_level=Level.RED)


def submit_case(town, category, at, village=None):
    from appeals.workflow import submit

    village = village or town.villages.get(name="北沟村")
    with time_machine.travel(at, tick=False):
        return submit(town, kind="report", category=category, village=village, content="水管爆裂")


def submit_in_each(town, other_town, enable_plugin, moment):
    """One case in each town at the same moment."""
    from appeals.models import Category, Level

    for each, village in ((town, town.villages.get(name="北沟村")), (other_town, other_town.villages.get())):
        enable_plugin(each, "appeals")
        category = Category.objects.create(town=each, name="道路维修", kinds="report", default_level=Level.YELLOW)
        submit_case(each, category, moment, village)


def test_the_same_case_gets_the_same_deadline_whoever_accepts_it(client, town, red_category, make_user):
    from appeals.deadlines import Deadline
    from appeals.models import State
    from cunwu.towns.models import Role

    beigou = town.villages.get(name="北沟村")
    in_utc = profile_zone(make_user("utc-staff", town, Role.VILLAGE_STAFF, beigou), "UTC")
    in_beijing = profile_zone(make_user("beijing-staff", town, Role.VILLAGE_STAFF, beigou), "Asia/Shanghai")
    submitted = beijing(TUESDAY, 8)
    # Red: accepted within 4 office hours, from 09:00 when it comes in before the office opens.
    first, second = submit_case(town, red_category, submitted), submit_case(town, red_category, submitted)
    assert first.accept_due_at == second.accept_due_at == beijing(TUESDAY, 13)

    due = {}
    for user, case in ((in_utc, first), (in_beijing, second)):
        client.force_login(user)
        with time_machine.travel(beijing(TUESDAY, 10), tick=False):
            assert client.post(f"/admin/appeals/case/{case.pk}/", {"action": "accept"}).status_code == 302
        case.refresh_from_db()
        assert case.state == State.ACCEPTED
        timers = Deadline.objects.filter(case=case, cancelled_at=None).order_by("due_at").values_list("due_at", flat=True)
        due[user.username] = (case.due_at, list(timers))
    # One working day (8 office hours) from Tuesday 10:00 in the town: Wednesday 10:00 Beijing time, for both.
    assert due["utc-staff"] == due["beijing-staff"]
    assert due["utc-staff"][0] == beijing(TUESDAY + datetime.timedelta(days=1), 10)


def test_a_town_on_utc_keeps_its_own_day_boundary(client, town, other_town, enable_plugin, make_user):
    """A case at 23:30 UTC on 31 March is March in a UTC town, 1 April in a Beijing town, whoever looks."""
    from appeals.models import Case

    other_town.time_zone = "UTC"
    other_town.save(update_fields=["time_zone"])
    submit_in_each(town, other_town, enable_plugin, datetime.datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    admin = make_user("platform-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)

    def received(each, month):
        response = client.get("/admin/appeals/dashboard/", {"town": each.pk, "month": month, "format": "csv"})
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        return int(next(row for row in rows[1:] if row[0] == "total")[2])

    for zone in ("UTC", "Asia/Shanghai"):  # the viewer's own zone changes nothing
        profile_zone(admin, zone)
        assert (received(other_town, "2026-03"), received(other_town, "2026-04")) == (1, 0)
        assert (received(town, "2026-03"), received(town, "2026-04")) == (0, 1)

    # The tracking number carries the town's day: 31 March in the UTC town, 1 April in the Beijing town.
    assert Case.objects.get(town=other_town).number.startswith("20260331")
    assert Case.objects.get(town=town).number.startswith("20260401")


def test_this_months_figures_on_the_home_page_follow_the_towns_zone(town, other_town, enable_plugin):
    from appeals.figures import figures

    other_town.time_zone = "UTC"
    other_town.save(update_fields=["time_zone"])
    moment = datetime.datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    submit_in_each(town, other_town, enable_plugin, moment)
    # Half an hour later it is 1 April in both: the case came in this month in Beijing (07:30), last month in UTC.
    with time_machine.travel(moment + datetime.timedelta(minutes=30), tick=False):
        assert figures(town)[0].value == 1
        assert figures(other_town)[0].value == 0


def test_the_town_administrator_sets_the_towns_zone_and_page_review(client, town, make_user):
    from cunwu.towns.models import Role

    client.force_login(make_user("xihu-admin", town, Role.TOWN_ADMIN))
    page = client.get("/admin/town-settings/", HTTP_HOST="localhost")
    assert page.status_code == 200
    assert 'name="time_zone"' in page.text and 'name="moderation"' in page.text and "北京时间" in page.text
    fields = {"name": town.name, "theme": town.theme, "time_zone": "UTC", "moderation": "town_admin"}
    assert client.post("/admin/town-settings/", fields, HTTP_HOST="localhost").status_code == 302
    town.refresh_from_db()
    assert (town.time_zone, town.moderation) == ("UTC", "town_admin")
    refused = client.post("/admin/town-settings/", {**fields, "time_zone": "Europe/Paris"}, HTTP_HOST="localhost")
    assert refused.status_code == 400
    town.refresh_from_db()
    assert town.time_zone == "UTC"


def test_the_admin_offers_only_the_towns_zones(client, make_user):
    from cunwu.towns.models import TIME_ZONE_CHOICES

    admin = make_user("zone-chooser", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get("/admin/account/")
    assert response.status_code == 200
    page = response.content.decode()
    offered = set(re.findall(r'<option value="([A-Za-z_]+/[A-Za-z_]+|UTC)"', page))
    assert offered == {zone for zone, _label in TIME_ZONE_CHOICES}
    assert 'value="Europe/Paris"' not in page


@pytest.mark.sqlite
def test_public_pages_show_times_in_the_towns_zone(town, settings):
    from django.template import Context, Template
    from django.test import RequestFactory

    from cunwu.towns.middleware import TownMiddleware

    town.time_zone = "UTC"
    town.save(update_fields=["time_zone"])
    moment = datetime.datetime(2026, 3, 31, 23, 30, tzinfo=UTC)

    def view(request):
        from django.http import HttpResponse

        return HttpResponse(Template('{{ moment|date:"Y-m-d H:i" }}').render(Context({"moment": moment})))

    request = RequestFactory().get("/", HTTP_HOST="localhost")
    assert TownMiddleware(view)(request).content.decode() == "2026-03-31 23:30"
    town.time_zone = "Asia/Shanghai"
    town.save(update_fields=["time_zone"])
    assert TownMiddleware(view)(RequestFactory().get("/", HTTP_HOST="localhost")).content.decode() == "2026-04-01 07:30"


@pytest.mark.sqlite
def test_a_notice_is_dated_by_the_towns_day_even_in_a_utc_admin(town):
    """Pages without their own date are listed under the day they were published in the town."""
    from django.utils import timezone
    from wagtail.models import Page

    from cunwu.pages.blocks.notices import with_notice_date

    Page.objects.filter(pk=town.root_page.pk).update(first_published_at=datetime.datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    with timezone.override("UTC"):  # what Wagtail switches to for an editor who picked UTC
        dated = with_notice_date(Page.objects.filter(pk=town.root_page.pk), town).get()
    assert dated.notice_date == datetime.date(2026, 4, 1)
