"""权力运行统计: the town's last 12 months of power records per village, town and county, counted in the town's
time zone; the CSV is the screen's table; each level stops at the user's scope; the query count does not grow."""

import csv
import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cunwu.counties.models import County, CountyTown
from cunwu.plugins.testing import make_town
from cunwu.towns.committee import set_committee
from cunwu.towns.models import Role
from disclosure.models import PowerRecord, Rectification, RecordStatus, RecordWarning, StepState
from disclosure.record_stats import monthly_rows
from tests.disclosure.test_record_admin import menu_href
from tests.disclosure.test_record_gate import make_matter

pytestmark = pytest.mark.django_db
STATS = "/admin/disclosure/records/stats/"
CSV = "/admin/disclosure/records/stats.csv"
BEIJING = ZoneInfo("Asia/Shanghai")
TODAY = datetime(2026, 5, 15, 10, 0, tzinfo=BEIJING)
HEADINGS = ["新开记录", "办结记录", "办结步骤", "按时办结步骤", "按时率（%）", "预警", "下达整改", "完成整改", "月末逾期整改"]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def at(zone, *parts):
    return datetime(*parts, tzinfo=ZoneInfo(zone) if isinstance(zone, str) else zone)


def record(village, opened_at, closed_at=None, title="北沟村 2026 年道路硬化"):
    """A record of the 7-step road matter, made directly so that its moments are the test's."""
    matter = make_matter(village.town, code=f"GC-{PowerRecord.objects.count() + 10}")
    made = PowerRecord.objects.create(
        town=village.town, village=village, matter=matter, title=title, proposer_name="王书记", opened_at=opened_at,
        closed_at=closed_at, status=RecordStatus.CLOSED if closed_at else RecordStatus.OPEN)
    for step in matter.steps.order_by("sort_order"):
        made.steps.create(step=step, number=step.sort_order + 1, title=step.title)
    return made


def close_step(made, number, closed_at, due_at, state=StepState.DONE):
    made.steps.filter(number=number).update(state=state, closed_at=closed_at, due_at=due_at)
    return made.steps.get(number=number)


@pytest.fixture
def beigou_figures(dtown, beigou):
    """北沟村: a record opened in March and closed in April, one opened at 00:30 Beijing time on 1 April (still
    31 March in UTC); a step closed on time in March and one late in April, a step sent back (not counted); a
    warning in April; a rectification ordered and closed in March, one ordered in April and still open."""
    march = record(beigou, at(BEIJING, 2026, 3, 10, 9), closed_at=at(BEIJING, 2026, 4, 20, 16))
    april = record(beigou, at(BEIJING, 2026, 4, 1, 0, 30), title="北沟村 2026 年水渠维修")
    close_step(march, 1, at(BEIJING, 2026, 3, 12, 10), at(BEIJING, 2026, 3, 15, 17))
    late = close_step(march, 2, at(BEIJING, 2026, 4, 5, 10), at(BEIJING, 2026, 4, 2, 17))
    close_step(april, 1, at(BEIJING, 2026, 4, 6, 10), at(BEIJING, 2026, 4, 9, 17), state=StepState.REFUSED)
    RecordWarning.objects.create(record=march, step=late, kind="overdue", raised_at=at(BEIJING, 2026, 4, 3, 9),
                                 message="第2步逾期")
    Rectification.objects.create(record=march, requirement="补公示", ordered_at=at(BEIJING, 2026, 3, 5, 9),
                                 deadline=date(2026, 3, 19), state="closed", closed_at=at(BEIJING, 2026, 3, 20, 9))
    Rectification.objects.create(record=april, requirement="补会议记录", ordered_at=at(BEIJING, 2026, 4, 10, 9),
                                 deadline=date(2026, 4, 20))
    return march, april


def month_table(html, table="record-stats-months"):
    """{row label: [cells]} of one of the screen's tables, as a reader sees them."""
    body = re.search(rf'<table[^>]*id="{table}".*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


def figures(values):
    return dict(zip(HEADINGS, values))


@pytest.fixture
def town_admin(dtown, make_user):
    return make_user("xihu-admin", dtown, Role.TOWN_ADMIN)


def test_the_months_are_the_towns_and_each_figure_falls_in_its_month(client, dtown, beigou_figures, town_admin):
    client.force_login(town_admin)
    html = client.get(STATS).text
    months = month_table(html)
    assert list(months)[0] == "2025-06" and list(months)[-1] == "2026-05" and len(months) == 12
    assert figures(months["2026-03"]) == figures(["1", "0", "1", "1", "100", "0", "1", "1", "0"])
    # opened 00:30 on 1 April Beijing time: April, although it is still 31 March in UTC
    assert figures(months["2026-04"]) == figures(["1", "1", "1", "0", "0", "1", "1", "0", "1"])
    assert figures(months["2026-05"]) == figures(["0", "0", "0", "0", "—", "0", "0", "0", "1"])  # still overdue today
    assert figures(months["2026-02"]) == figures(["0"] * 4 + ["—"] + ["0"] * 4)
    units = month_table(html, "record-stats-units")
    assert list(units) == ["北沟村", "向阳村", "中沟村"]
    assert figures(units["北沟村"]) == figures(["2", "1", "2", "1", "50", "1", "2", "1", "1"])
    assert "西湖镇合计" in html and "<svg" in html and "每月新开、办结记录和预警" in html


def test_a_town_in_another_zone_counts_in_its_own_months(dtown, beigou):
    """23:30 on 31 March in Urumqi is 1 April on the server's (Beijing) clock: the town's month is March."""
    dtown.time_zone = "Asia/Urumqi"
    dtown.save(update_fields=["time_zone"])
    record(beigou, at("Asia/Urumqi", 2026, 3, 31, 23, 30))
    record(beigou, at("Asia/Urumqi", 2026, 4, 1, 0, 30))
    record(beigou, at(BEIJING, 2026, 3, 31, 23, 30))  # 21:30 in Urumqi: March on either clock
    rows = {(row["year"], row["month"]): row["opened"]
            for row in monthly_rows(dtown.villages.filter(pk=beigou.pk), [(2026, 3), (2026, 4)])}
    assert rows == {(2026, 3): 2, (2026, 4): 1}
    dtown.time_zone = "Asia/Shanghai"
    dtown.save(update_fields=["time_zone"])
    rows = {(row["year"], row["month"]): row["opened"]
            for row in monthly_rows(dtown.villages.filter(pk=beigou.pk), [(2026, 3), (2026, 4)])}
    assert rows == {(2026, 3): 1, (2026, 4): 2}


def read_csv(response):
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")  # Excel reads the Chinese only with the BOM
    return list(csv.reader(io.StringIO(content[1:])))


def test_the_csv_is_the_screens_table(client, dtown, beigou_figures, town_admin):
    client.force_login(town_admin)
    html = client.get(STATS).text
    href = re.search(r'href="([^"]*stats\.csv[^"]*)"', html).group(1).replace("&amp;", "&")
    response = client.get(href)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert rows[0] == ["单位", "月份", *HEADINGS]
    totals = {row[1]: [cell or "—" for cell in row[2:]] for row in rows[1:] if row[0] == "西湖镇合计"}
    assert totals == month_table(html)
    beigou = [row for row in rows[1:] if row[0] == "北沟村"]
    assert len(beigou) == 12 and beigou[-2][1:3] == ["2026-04", "1"]
    assert len(rows) == 1 + 12 * 4  # three villages and the total, twelve months each


@pytest.fixture
def committee_member(dtown, beigou, make_user):
    member = make_user("beigou-jianwei")
    set_committee(beigou, members=[member])
    return member


def test_a_committee_member_sees_only_their_village(client, dtown, beigou, beigou_figures, committee_member,
                                                     other_town, enable_plugin):
    enable_plugin(other_town, "disclosure")
    client.force_login(committee_member)
    html = client.get(STATS).text
    assert list(month_table(html, "record-stats-units")) == ["北沟村"]
    assert month_table(html)["2026-04"][0] == "1" and "西湖镇合计" not in html
    xiangyang = dtown.villages.get(name="向阳村")
    for params in ({"level": "town"}, {"level": "county"}, {"village": xiangyang.pk}, {"town": other_town.pk},
                   {"town": "x"}):
        assert client.get(STATS, params).status_code == 404, params
        assert client.get(CSV, params).status_code == 404, params
    assert {row[0] for row in read_csv(client.get(CSV))[1:]} == {"北沟村", "合计"}


def test_another_towns_staff_get_404_for_this_town(client, dtown, beigou_figures, other_town, enable_plugin, make_user):
    enable_plugin(other_town, "disclosure")
    client.force_login(make_user("liuhe-admin", other_town, Role.TOWN_ADMIN))
    assert client.get(STATS, {"town": dtown.pk}).status_code == 404
    assert client.get(CSV, {"town": dtown.pk, "level": "town"}).status_code == 404
    assert "北沟村" not in client.get(STATS).text


def test_a_county_supervisor_sees_the_towns_of_their_county_and_none_beyond(client, dtown, beigou_figures,
                                                                           other_town, enable_plugin, make_user):
    hexi = make_town("河西镇", "hexi.localhost", ("河西村",), slug="hexi")
    for town in (other_town, hexi):
        enable_plugin(town, "disclosure")
    county = County.objects.create(name="瓜州县", slug="guazhou")
    for town in (dtown, other_town):
        CountyTown.objects.create(county=county, town=town)
    record(other_town.villages.get(name="柳河村"), at(BEIJING, 2026, 4, 2, 9), title="柳河村 2026 年路灯")
    record(hexi.villages.get(), at(BEIJING, 2026, 4, 3, 9), title="河西村 2026 年路灯")
    supervisor = make_user("guazhou-supervisor")
    county.supervisors.add(supervisor)
    client.force_login(supervisor)
    html = client.get(STATS, {"level": "county", "town": dtown.pk}).text
    assert list(month_table(html, "record-stats-units")) == ["柳河镇", "西湖镇"]
    assert month_table(html)["2026-04"][0] == "2" and "瓜州县合计" in html  # 西湖镇's and 柳河镇's, not 河西镇's
    drill = re.search(r'<a href="([^"]+)">柳河镇</a>', html).group(1).replace("&amp;", "&")
    town_level = client.get(drill).text
    assert list(month_table(town_level, "record-stats-units")) == ["柳河村"] and "柳河镇合计" in town_level
    assert client.get(STATS, {"level": "county", "town": hexi.pk}).status_code == 404
    assert client.get(STATS, {"town": hexi.pk}).status_code == 404
    # a town's own supervisor is no county supervisor
    client.force_login(make_user("xihu-supervisor", dtown, Role.SUPERVISOR))
    assert client.get(STATS, {"level": "county", "town": dtown.pk}).status_code == 404


def test_reached_from_the_admin_menu_by_links(client, dtown, beigou_figures, town_admin):
    client.force_login(town_admin)
    records = client.get(menu_href(client.get("/admin/").text, "权力运行")).text
    stats = client.get(re.search(r'href="([^"]+)">权力运行统计</a>', records).group(1))
    assert stats.status_code == 200 and "<h2>西湖镇合计</h2>" in stats.text
    village = re.search(r'<a href="([^"]+)">北沟村</a>', stats.text).group(1).replace("&amp;", "&")
    assert list(month_table(client.get(village).text, "record-stats-units")) == ["北沟村"]


def test_the_query_count_does_not_grow_with_villages_and_records(client, dtown, beigou, beigou_figures, town_admin):
    client.force_login(town_admin)
    client.get(STATS)  # warm the caches of the first request
    with CaptureQueriesContext(connection) as few:
        assert client.get(STATS).status_code == 200
    for index in range(4):
        village = dtown.villages.create(name=f"新村{index}", code=f"x{index}")
        made = record(village, at(BEIJING, 2026, 2, 10 + index, 9))
        close_step(made, 1, at(BEIJING, 2026, 2, 12, 9), at(BEIJING, 2026, 2, 20, 9))
    with CaptureQueriesContext(connection) as many:
        html = client.get(STATS).text
    assert month_table(html)["2026-02"][:4] == ["4", "0", "4", "4"]
    assert len(many.captured_queries) == len(few.captured_queries)
