"""Real browser: a town administrator goes from the admin menu (权力运行) to 权力运行统计, sees this month's figures
in the chart and in its table, and downloads the CSV."""

import datetime

import pytest
from django.utils import timezone

from cunwu.plugins import api
from cunwu.towns.models import Role

from .test_browser import login
from .test_record_stats import month_table, record


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_statistics_are_reached_from_the_menu_and_downloaded(live_server, desktop, dtown, beigou, make_user):
    admin = make_user("xihu-admin", dtown, Role.TOWN_ADMIN)
    record(beigou, timezone.now() - datetime.timedelta(minutes=5))
    this_month = api.town_today(dtown).strftime("%Y-%m")
    login(desktop, live_server.url, admin.username)
    desktop.click("a:has-text('权力运行')")
    desktop.click("a:has-text('权力运行统计')")
    desktop.wait_for_selector("#record-stats-months")
    assert desktop.locator("svg.disclosure-chart rect title", has_text="新开记录 1").count() == 1
    assert month_table(desktop.content())[this_month][0] == "1"
    desktop.screenshot(path="/tmp/disclosure-record-stats.png", full_page=True)
    with desktop.expect_download() as download:
        desktop.click("a:has-text('下载 CSV')")
    content = open(download.value.path(), encoding="utf-8-sig").read()
    assert f"北沟村,{this_month},1," in content and content.splitlines()[0].startswith("单位,月份,新开记录")
