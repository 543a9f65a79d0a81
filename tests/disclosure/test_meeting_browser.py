"""Real browser, 360 px phone: a villager goes from the village hub to the sunshine report meeting and reads who was
given which responsibility (each row's state in words and data-state) and the scores table, without scrolling
sideways."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from cunwu.plugins import api
from disclosure import meetings
from disclosure.meeting_models import MeetingAttendee, MeetingResponsibility, MeetingScore, SupervisionMeeting

from .test_meetings import fresh_limits, supervisor  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_villager_reads_the_meeting_on_a_phone(live_server, phone, dtown, beigou, supervisor):  # noqa: F811
    from cunwu.pages.models import VillagePage

    meeting = SupervisionMeeting.objects.create(town=dtown, village=beigou, kind="sunshine_report",
                                                title="北沟村第一季度阳光述职会", held_at=timezone.now(),
                                                summary="书记述职，村民代表提问 9 个，当场定责 2 项。")
    for name, role in (("王建国", "secretary"), ("张桂英", "representative")):
        meetings.add_row(meeting, supervisor, MeetingAttendee, name=name, role=role)
    today = api.town_today(dtown)
    meetings.add_row(meeting, supervisor, MeetingResponsibility, task="道路硬化项目验收报告上墙公示", owner="王建国",
                     deadline=today - timedelta(days=3))
    meetings.add_row(meeting, supervisor, MeetingResponsibility, task="补齐第四季度财务公开明细", owner="张桂英",
                     deadline=today + timedelta(days=10))
    meetings.add_row(meeting, supervisor, MeetingScore, subject="村党组织书记 王建国", satisfied=41, fairly_satisfied=9,
                     dissatisfied=2)
    meetings.publish(meeting, supervisor)

    page = phone
    page.goto(live_server.url + urlsplit(VillagePage.objects.get(village=beigou).url).path)
    page.click(".hub-panel--disclosure-meetings a")
    assert page.inner_text("h1") == "北沟村第一季度阳光述职会"
    rows = page.locator("table.meeting-duties tbody tr")
    assert [rows.nth(n).get_attribute("data-state") for n in range(rows.count())] == ["overdue", "open"]
    assert "超期" in rows.nth(0).inner_text() and "张*英" in rows.nth(1).inner_text()
    assert "96.2%" in page.inner_text("table.meeting-scores")  # (41 + 9) / 52
    assert "张桂英" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 361
    page.screenshot(path="/tmp/disclosure-meeting-phone.png", full_page=True)
