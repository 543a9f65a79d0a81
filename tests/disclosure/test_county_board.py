"""The county board (县级监督看板): 瓜州县's supervisor reaches it from the admin menu and sees 西湖镇 and 柳河镇, never
河西镇 outside the county; the figures are those of a constructed set (an overdue rectification, warnings on open
and closed records, steps on time and late); the drill-down goes town → villages → records → the record's screen,
read-only; anything outside the scope is a 404; the board costs the same queries however many towns and records."""

import itertools
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cunwu.counties.models import County, CountyTown
from cunwu.plugins import api
from cunwu.plugins.testing import make_town
from cunwu.towns.models import Role
from disclosure import county_board, record_gate
from disclosure.models import Matter, PowerRecord, Rectification, RecordStep, RecordWarning
from tests.disclosure.test_record_admin import menu_href
from tests.disclosure.test_record_gate import make_matter

pytestmark = pytest.mark.django_db
BOARD = "县级监督看板"
CADRES = itertools.count()


@pytest.fixture
def towns(dtown, other_town, enable_plugin):
    """西湖镇 and 柳河镇 in 瓜州县; 河西镇 runs disclosure too but is in no county."""
    hexi = make_town("河西镇", "hexi.localhost", ("河西村",), slug="hexi")
    for each in (other_town, hexi):
        enable_plugin(each, "disclosure")
    county = County.objects.create(name="瓜州县", slug="guazhou")
    for each in (dtown, other_town):
        CountyTown.objects.create(county=county, town=each)
    return dtown, other_town, hexi


@pytest.fixture
def county_supervisor(towns, make_user):
    user = make_user("guazhou-supervisor")
    County.objects.get(slug="guazhou").supervisors.add(user)
    return type(user).objects.get(pk=user.pk)


def open_record(town, village, make_user, title, code="GC-99"):
    cadre = make_user(f"cadre-{next(CADRES)}", town, Role.VILLAGE_EDITOR, village)
    matter = Matter.objects.filter(town=town, code=code).first() or make_matter(town, code=code)
    return record_gate.open_record(matter, village, cadre, title, Decimal("1000.00"))


def warn(record, number=1):
    return RecordWarning.objects.create(record=record, step=record.steps.get(number=number), kind="overdue",
                                        raised_at=timezone.now(), message="超时")


def rectify(record, days, state="ordered"):
    """A rectification whose deadline is `days` from the town's today (negative: past)."""
    today = api.town_today(record.town)
    return Rectification.objects.create(record=record, requirement="补公示", deadline=today + timedelta(days=days),
                                        state=state)


@pytest.fixture
def figures_set(towns, make_user):
    """北沟村: the road (open; step 1 closed on time, step 2 closed late, step 3 late now; one warning; one
    rectification overdue, one closed after its deadline, one not yet due) and an old closed record with a
    warning. 向阳村: a record in time. 柳河村: a record with a warning. 河西村: a warned, overdue record."""
    xihu, liuhe, hexi = towns
    now = timezone.now()
    beigou, xiangyang = xihu.villages.get(name="北沟村"), xihu.villages.get(name="向阳村")
    road = open_record(xihu, beigou, make_user, "北沟村 2027 年道路硬化")
    RecordStep.objects.filter(record=road, number=1).update(state="done", due_at=now + timedelta(days=1),
                                                            closed_at=now - timedelta(days=2))
    RecordStep.objects.filter(record=road, number=2).update(state="done", due_at=now - timedelta(days=3),
                                                            closed_at=now - timedelta(days=1))
    RecordStep.objects.filter(record=road, number=3).update(state="current", due_at=now - timedelta(hours=1))
    warn(road, 3)
    rectify(road, -2)
    rectify(road, -5, state="closed")
    rectify(road, 3)
    old = open_record(xihu, beigou, make_user, "北沟村 2025 年水渠维修")
    warn(old)
    PowerRecord.objects.filter(pk=old.pk).update(status="closed", closed_at=now)
    in_time = open_record(xihu, xiangyang, make_user, "向阳村 路灯安装")
    liuhe_record = open_record(liuhe, liuhe.villages.get(), make_user, "柳河村 村部修缮")
    warn(liuhe_record)
    outside = open_record(hexi, hexi.villages.get(), make_user, "河西村 机井")
    warn(outside)
    rectify(outside, -1)
    return road, old, in_time, liuhe_record, outside


def row_figures(html, name):
    """{figure: text} of the board's row `name` (a town, a village) or of the totals row (name None)."""
    marker = 'data-total="true"' if name is None else f'data-row="{name}"'
    row = re.search(rf"<tr {marker}>(.*?)</tr>", html, re.S)
    assert row, f"no row {name!r}"
    cells = re.findall(r'data-figure="(\w+)"[^>]*>(.*?)</td>', row.group(1), re.S)
    return {figure: re.sub(r"<[^>]+>|\s+", "", text) for figure, text in cells}


def link_to(html, text):
    found = re.search(rf'<a href="([^"]+)">{re.escape(text)}</a>', html)
    assert found, f"no link {text!r}"
    return found.group(1)


def test_the_county_supervisor_follows_the_board_from_the_menu_down_to_a_record(client, county_supervisor,
                                                                                 figures_set):
    road, old, in_time, liuhe_record, outside = figures_set
    client.force_login(county_supervisor)
    href = menu_href(client.get("/admin/").text, BOARD)
    board = client.get(href)
    assert board.status_code == 200
    html = board.text
    assert "西湖镇" in html and "柳河镇" in html and "河西镇" not in html
    main = html.split('id="main"')[-1]
    assert "<form" not in main and 'class="button' not in main  # nothing to act on: a board, no buttons
    # 西湖镇: the road and 向阳村's record open; the old closed record's warning is not open; 1 of 2 steps on time
    assert row_figures(html, "西湖镇") == {"open_records": "2", "open_warnings": "1", "overdue_rectifications": "1",
                                          "late_records": "1", "on_time_rate": "50%（2步中1步按时）"}
    assert row_figures(html, "柳河镇") == {"open_records": "1", "open_warnings": "1", "overdue_rectifications": "0",
                                          "late_records": "0", "on_time_rate": "—（0步中0步按时）"}
    assert row_figures(html, None)["open_records"] == "3" and row_figures(html, None)["open_warnings"] == "2"
    assert "逾期未整改" in html and "按时办结率" in html
    # month by month for the whole county: the statistics of both towns, headed by the county's name
    stats = client.get(link_to(html, "逐月情况：权力运行统计"))
    assert stats.status_code == 200 and "瓜州县合计" in stats.text and "河西镇" not in stats.text

    town_page = client.get(link_to(html, "西湖镇")).text
    assert row_figures(town_page, "北沟村")["overdue_rectifications"] == "1"
    assert row_figures(town_page, "向阳村") == {"open_records": "1", "open_warnings": "0",
                                               "overdue_rectifications": "0", "late_records": "0",
                                               "on_time_rate": "—（0步中0步按时）"}
    assert row_figures(town_page, None)["on_time_rate"].startswith("50%")

    village_page = client.get(link_to(town_page, "北沟村")).text
    assert road.tracking_code in village_page and old.tracking_code not in village_page
    assert in_time.tracking_code not in village_page
    record_page = client.get(link_to(village_page, road.tracking_code))
    assert record_page.status_code == 200 and road.title in record_page.text
    assert "您可以查看本记录，但不能更改。" in record_page.text

    # 柳河镇's record opens too, from the 西湖镇 host the supervisor signed in on
    liuhe_village = client.get(link_to(client.get(link_to(html, "柳河镇")).text, "柳河村")).text
    assert client.get(link_to(liuhe_village, liuhe_record.tracking_code)).status_code == 200


def test_nothing_outside_the_county_opens_and_nothing_can_be_posted(client, county_supervisor, figures_set):
    road, _old, _in_time, _liuhe, outside = figures_set
    xihu, hexi = road.town, outside.town
    client.force_login(county_supervisor)
    assert client.get(f"/admin/disclosure/county/{hexi.pk}/").status_code == 404
    assert client.get(f"/admin/disclosure/county/{hexi.pk}/{outside.village_id}/").status_code == 404
    assert client.get(f"/admin/disclosure/county/{xihu.pk}/{outside.village_id}/").status_code == 404
    assert client.get(f"/admin/disclosure/records/{outside.pk}/").status_code == 404

    refused = client.post("/admin/disclosure/county/")
    assert refused.status_code == 405 and "只能查看" in refused.text
    before = list(road.steps.order_by("number").values_list("state", "closed_at"))
    posted = client.post(f"/admin/disclosure/records/{road.pk}/", {"action": "close"})
    assert posted.status_code == 403 and "不能更改" in posted.text
    assert list(road.steps.order_by("number").values_list("state", "closed_at")) == before


def test_a_town_supervisor_has_no_county_menu_and_sees_only_their_town(client, figures_set, make_user):
    road, _old, _in_time, liuhe_record, _outside = figures_set
    xihu, liuhe = road.town, liuhe_record.town
    supervisor = make_user("xihu-jijian", xihu, Role.SUPERVISOR)
    client.force_login(supervisor)
    assert menu_href(client.get("/admin/").text, BOARD) is None
    html = client.get("/admin/disclosure/county/").text
    assert row_figures(html, "西湖镇")["open_records"] == "2" and "柳河镇" not in html
    assert client.get(f"/admin/disclosure/county/{liuhe.pk}/").status_code == 404

    editor = make_user("xihu-bianji", xihu, Role.TOWN_EDITOR)  # works the town's affairs, supervises nothing
    client.force_login(editor)
    assert menu_href(client.get("/admin/").text, BOARD) is None
    assert client.get("/admin/disclosure/county/").status_code == 403


def queries(call):
    with CaptureQueriesContext(connection) as captured:
        result = call()
    return result, [query["sql"] for query in captured.captured_queries]


def test_the_board_costs_the_same_queries_with_more_records(client, county_supervisor, figures_set, make_user):
    """The whole page, sidebar included: records, warnings and rectifications added cost no query more."""
    client.force_login(county_supervisor)
    client.get("/admin/disclosure/county/")  # caches warmed (the host's town, content types)
    first, before = queries(lambda: client.get("/admin/disclosure/county/").text)
    road = figures_set[0]
    for n in range(3):
        record = open_record(road.town, road.village, make_user, f"北沟村 项目 {n}", code=f"GC-{n}")
        warn(record)
        rectify(record, -1)
    second, after = queries(lambda: client.get("/admin/disclosure/county/").text)
    assert row_figures(first, "西湖镇")["overdue_rectifications"] == "1"
    assert row_figures(second, "西湖镇")["overdue_rectifications"] == "4"
    assert row_figures(second, None)["open_warnings"] == "5"
    assert len(after) == len(before), "\n".join(sql[:160] for sql in after)


def test_the_figures_cost_the_same_queries_with_more_towns_and_villages(county_supervisor, figures_set, make_user,
                                                                        enable_plugin):
    """The board's own queries (the sidebar's menu items of other screens are not the board's), for the towns
    and for one town's villages, before and after a third town with two villages joins the county."""

    def board():
        towns = list(county_board.scope_towns(county_supervisor))
        rows, total = county_board.town_rows(county_supervisor, towns)
        return [row.subject.name for row in rows], total.open_warnings

    def villages(town):
        return len(county_board.village_rows(county_supervisor, [town]))

    xihu = figures_set[0].town
    (names, warnings), before = queries(board)
    _count, before_villages = queries(lambda: villages(xihu))
    yumen = enable_plugin(make_town("玉门镇", "yumen.localhost", ("玉门村", "赤金村"), slug="yumen"), "disclosure")
    CountyTown.objects.create(county=County.objects.get(slug="guazhou"), town=yumen)
    for village in yumen.villages.all():
        warn(open_record(yumen, village, make_user, f"{village.name} 项目"))
    (names_after, warnings_after), after = queries(board)
    count, after_villages = queries(lambda: villages(yumen))
    assert "玉门镇" in names_after and "玉门镇" not in names and warnings_after == warnings + 2
    assert count == 2
    assert len(after) == len(before) and len(after_villages) == len(before_villages) == 1
