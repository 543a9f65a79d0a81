"""The monthly dashboard: on-time rates from the limits in force, median handling time, satisfaction without
the unrated, handlers ranked only with enough cases, CSV/XLSX export."""

import csv
import io

import pytest
import time_machine
from openpyxl import load_workbook

from appeals.dashboard import MIN_SAMPLE, monthly
from appeals.workflow import rate, transition
from tests.appeals.test_calendar import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def march(appeals_town, new_case, make_user):
    """Handler 王: 6 cases in March 2026, 4 resolved on time; handler 李: one case, late; one closed unrated."""
    from appeals.models import State
    from cunwu.towns.models import Role

    beigou = appeals_town.villages.get(name="北沟村")
    a = make_user("wang", appeals_town, Role.VILLAGE_STAFF, beigou, first_name="王")
    b = make_user("li", appeals_town, Role.VILLAGE_STAFF, beigou, first_name="李")
    cases = []
    for n in range(7):
        handler = a if n < 6 else b
        with time_machine.travel(at(2026, 3, 2, 9, n), tick=False):  # Monday
            case = new_case()
        accepted = at(2026, 3, 2, 10) if n < 6 else at(2026, 3, 4, 10)  # B accepts two days late
        with time_machine.travel(accepted, tick=False):
            case = transition(case, State.ACCEPTED, handler)
            case = transition(case, State.IN_PROGRESS, handler)
        resolved = at(2026, 3, 3, 10) if n < 4 else at(2026, 3, 20, 10)  # 5 working days from Mon: Mon 9 10:00
        with time_machine.travel(resolved, tick=False):
            case = transition(case, State.RESOLVED, handler, "已办结")
        cases.append(case)
    with time_machine.travel(at(2026, 3, 21), tick=False):
        rate(cases[0], overall="very", method="very", efficiency="very", attitude="very")
        rate(cases[1], overall="unsatisfied", method="basic", efficiency="basic", attitude="basic")
        transition(cases[2], State.CLOSED, note="未评价")
    return appeals_town


def test_month_figures_dashboard_page_and_exports(march, client, make_user):
    result = monthly(march, 2026, 3, now=at(2026, 4, 1))
    total = result["total"]
    assert total["received"] == 7
    assert total["accepted_on_time"] == round(100 * 6 / 7, 1)
    # case 1 was reopened by its unsatisfied rating, so 6 count as resolved in March; 3 of them on time
    assert total["resolved"] == 6 and total["resolved_on_time"] == 50.0
    assert total["satisfaction"] == 50.0 and total["rated"] == 2 and total["not_rated"] == 1
    # three took about 25 h, three about 433 h (to Mar 20 10:00)
    assert total["median_hours"] == pytest.approx((25 + 432.9) / 2, abs=0.1)
    handlers = {name: (row, ranked) for name, row, ranked in result["handler"]}
    assert handlers["王"] == ({**handlers["王"][0], "resolved": MIN_SAMPLE}, True)
    assert handlers["李"][1] is False  # one case: shown, never ranked
    assert monthly(march, 2026, 4, now=at(2026, 4, 1))["total"]["received"] == 0
    from cunwu.towns.models import Role

    client.force_login(make_user("boss", march, Role.TOWN_ADMIN))
    page = client.get("/admin/appeals/dashboard/", {"month": "2026-03"})
    text = page.content.decode()
    assert page.status_code == 200 and "北沟村" in text and "样本不足" in text
    assert client.get("/admin/appeals/dashboard/", {"month": "2026-13"}).status_code == 400
    exported = client.get("/admin/appeals/dashboard/", {"month": "2026-03", "format": "csv"})
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["维度", "名称", "收到"] and rows[1][2] == "7"
    book = load_workbook(io.BytesIO(client.get("/admin/appeals/dashboard/", {"month": "2026-03", "format": "xlsx"}).content))
    assert book.active["C2"].value == 7



def test_case_wall_shows_only_published_resolved_cases_without_the_villager(client, appeals_town, new_case, make_user):
    from appeals.models import State
    from cunwu.towns.models import Role

    handler = make_user("handler", appeals_town, Role.VILLAGE_STAFF, appeals_town.villages.get(name="北沟村"))
    client.force_login(handler)
    shown, hidden, open_case = new_case(content="申请低保，张三明"), new_case(), new_case()
    for case in (shown, hidden):
        for state, note in ((State.ACCEPTED, ""), (State.IN_PROGRESS, ""), (State.RESOLVED, "已为张三明办理低保，有事请拨13812345678")):
            transition(case, state, handler, note)
    refused = client.post(f"/admin/appeals/case/{open_case.pk}/", {"action": "publish"})
    assert refused.status_code == 400 and "只有已办结" in refused.content.decode()
    assert client.post(f"/admin/appeals/case/{shown.pk}/", {"action": "publish"}).status_code == 302
    client.logout()
    wall = client.get("/p/appeals/wall/", HTTP_HOST="localhost").content.decode()
    assert wall.count("appeals-wall-item") == 1 and "北沟村 · 低保救助" in wall
    assert "13812345678" not in wall and "138****5678" in wall and shown.token not in wall
    assert "张三明" not in wall and "已为张*明办理低保" in wall
