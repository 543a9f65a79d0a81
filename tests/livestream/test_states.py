"""Every state of a broadcast, on a frozen clock, as a villager sees the public page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 12, 1, 19, 0, tzinfo=SHANGHAI)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(make_broadcast):
    return make_broadcast(starts_at=START, agenda="<p>通报第四季度财务</p>")


def get(client, page):
    return client.get(page.url, HTTP_HOST="localhost")


def test_upcoming_shows_countdown_and_remind_form(client, meeting):
    with time_machine.travel(START - timedelta(days=2, hours=3), tick=False):
        response = get(client, meeting)
    assert response.status_code == 200
    assert "即将开始" in response.text
    assert "距开始还有" in response.text and "2" in response.text
    assert "开播前短信提醒我" in response.text
    assert "<video" not in response.text


def test_live_ten_minutes_before_start(client, meeting):
    with time_machine.travel(START - timedelta(minutes=11), tick=False):
        assert "<video" not in get(client, meeting).text
    with time_machine.travel(START - timedelta(minutes=10), tick=False):
        response = get(client, meeting)
    assert "正在直播" in response.text
    assert 'data-hls="https://live.example.cn/meeting.m3u8"' in response.text
    assert "livestream/vendor/hls.min.js" in response.text
    assert "19:00" in response.text


def test_live_until_the_editor_ends_it(client, meeting):
    meeting.ended_at = START + timedelta(minutes=50)
    meeting.save_revision().publish()
    with time_machine.travel(START + timedelta(minutes=49), tick=False):
        assert "正在直播" in get(client, meeting).text
    with time_machine.travel(START + timedelta(minutes=51), tick=False):
        response = get(client, meeting)
    assert "<video" not in response.text
    assert "直播已结束，回放稍后在这里发布" in response.text


def test_a_forgotten_broadcast_ends_two_hours_after_its_scheduled_end(client, meeting):
    with time_machine.travel(meeting.ends_at + timedelta(hours=1, minutes=59), tick=False):
        assert "正在直播" in get(client, meeting).text
    with time_machine.travel(meeting.ends_at + timedelta(hours=2), tick=False):
        assert "直播已结束" in get(client, meeting).text


def test_replay_with_minutes_attendees_and_transcript(client, meeting, live_town):
    meeting.ended_at = START + timedelta(hours=1)
    meeting.replay_url = "https://vod.example.cn/q4.mp4"
    meeting.minutes = "<p>到会村民代表 52 人，通报收支。</p>"
    meeting.attendee_count = 52
    meeting.save_revision().publish()
    meeting.updates.create(town=live_town, body="会议开始，通报第四季度收支")
    with time_machine.travel(START + timedelta(days=1), tick=False):
        response = get(client, meeting)
    assert "可看回放" in response.text
    assert "图文直播记录" in response.text and "通报第四季度收支" in response.text
    assert "村民提问" not in response.text  # no approved question: no empty section
    assert 'src="https://vod.example.cn/q4.mp4"' in response.text
    assert "会议纪要" in response.text and "通报收支" in response.text
    assert "52" in response.text


def test_schedule_page_groups_broadcasts(client, make_broadcast, schedule):
    with time_machine.travel(START, tick=False):
        make_broadcast("正在开的会", starts_at=START - timedelta(minutes=5))
        make_broadcast("下周的会", starts_at=START + timedelta(days=7))
        make_broadcast("上月的会", starts_at=START - timedelta(days=30), replay_url="https://vod.example.cn/a.mp4")
        response = client.get(schedule.url, HTTP_HOST="localhost")
    text = response.text
    assert text.index("正在开的会") < text.index("下周的会") < text.index("上月的会")
    assert "可看回放" in text
