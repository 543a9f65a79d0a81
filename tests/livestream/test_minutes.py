"""Minutes are a published record: a change after the broadcast shows as a dated correction with what changed."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

pytestmark = pytest.mark.django_db
START = datetime(2026, 10, 8, 19, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def publish_minutes(page, text, at):
    with time_machine.travel(at, tick=False):
        page.minutes = text
        page.save_revision().publish()


def test_a_change_to_published_minutes_shows_as_a_correction(client, make_broadcast):
    page = make_broadcast(starts_at=START, ended_at=START + timedelta(hours=1), replay_url="https://vod.example.cn/q3.mp4")
    publish_minutes(page, "<p>到会村民代表 46 人，第三季度支出 98 万元。</p>", START + timedelta(hours=2))
    html = client.get(page.url, HTTP_HOST="localhost").text
    assert "第三季度支出 98 万元" in html and "纪要更正记录" not in html

    publish_minutes(page, "<p>到会村民代表 46 人，第三季度支出 9.8 万元。</p>", datetime(2026, 10, 10, 9, 30, tzinfo=START.tzinfo))
    html = client.get(page.url, HTTP_HOST="localhost").text
    assert "第三季度支出 9.8 万元" in html
    assert "纪要更正记录" in html and "2026年10月10日 09:30 更正" in html
    assert "<del" in html and "<ins" in html
    history = html[html.index("纪要更正记录"):]
    assert "98" in history and "9.8" in history  # the old figure stays readable beside the new one

    page.title = "第三季度阳光报告会"  # a publish that leaves the minutes alone adds no correction
    page.save_revision().publish()
    assert client.get(page.url, HTTP_HOST="localhost").text.count("更正：") == 1


def test_editing_minutes_before_the_broadcast_ends_is_not_a_correction(client, make_broadcast):
    page = make_broadcast(starts_at=START)
    publish_minutes(page, "<p>草拟：议程三项</p>", START - timedelta(days=1))
    publish_minutes(page, "<p>到会 50 人</p>", START - timedelta(hours=1))
    with time_machine.travel(START + timedelta(days=1), tick=False):
        html = client.get(page.url, HTTP_HOST="localhost").text
    assert "到会 50 人" in html and "纪要更正记录" not in html
