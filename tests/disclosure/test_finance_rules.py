"""Finance follows power: a ledger line cites the power record it pays for (editor, import, correction, public
ledger), and the supervisor's board flags large expenses without a basis, split payments and one counterparty paid
under several records in a month, in Chinese, per village of the town, with a fixed number of queries."""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from cunwu.plugins.switch import save_plugin_settings
from cunwu.towns.models import Role
from disclosure import finance_rules, workflow
from disclosure.importer import import_lines
from disclosure.models import Category, LedgerMonth, LineItem, Matter, PowerRecord

BOARD = "/admin/disclosure/board/"
TODAY = datetime(2026, 6, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def june():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def zhonggou(dtown):
    return dtown.villages.get(name="中沟村")


@pytest.fixture
def matter(dtown):
    return Matter.objects.create(town=dtown, code="GC-99", title="村级工程项目", category="engineering")


@pytest.fixture
def record(matter):
    def make(village, title):
        return PowerRecord.objects.create(town=village.town, village=village, matter=matter, title=title,
                                          proposer_name="王书记", amount=Decimal("100000"))

    return make


def expense(day, amount, counterparty="县建筑公司", purpose="道路硬化工程款", **extra):
    return {"day": day, "amount": amount, "counterparty": counterparty, "purpose": purpose, **extra}


def publish(village, month, lines, kind="expense"):
    """A published month of `village` holding `lines` (expense() dicts), without going through review."""
    ledger = LedgerMonth.objects.create(village=village, year=2026, month=month)
    category = Category.objects.get(town=village.town, kind=kind, name="公益支出" if kind == "expense" else "补助收入")
    LineItem.objects.bulk_create(
        LineItem(ledger=ledger, date=date(2026, month, line.pop("day")), kind=kind, category=category,
                 amount=Decimal(line.pop("amount")), **line)
        for line in [dict(line) for line in lines]
    )
    ledger.recompute_totals()
    ledger.closing_balance = ledger.expected_closing
    ledger.save()
    LedgerMonth.objects.filter(pk=ledger.pk).update(status="published", published_at=timezone.now())
    return ledger


def findings(town, rule=None):
    with translation.override("zh-hans"):
        found = [f for _village, items in finance_rules.town_findings(town) for f in items]
    return [f for f in found if rule is None or f.rule == rule]


def amounts(finding):
    return [str(amount) for _date, amount, _purpose, _party in finding.rows]


@pytest.mark.sqlite
@pytest.mark.django_db
def test_a_large_expense_without_record_or_resolution_is_flagged_and_the_near_misses_are_not(dtown, beigou, record):
    road = record(beigou, "北沟村 2026 年道路硬化")
    publish(beigou, 5, [
        expense(3, "50000.01", purpose="挖机租赁"),
        expense(4, "50000.00", counterparty="县水泥厂", purpose="恰好在标准上"),
        expense(5, "80000.00", counterparty="县钢材店", purpose="有决议", resolution="村民代表会议决议〔2026〕3号"),
        expense(6, "90000.00", counterparty="县砂石场", purpose="有运行记录", record=road),
    ])
    publish(beigou, 4, [expense(2, "200000.00", purpose="上级补助", counterparty="县财政局")], kind="income")
    large = findings(dtown, "large")
    assert [(f.village_id, amounts(f)) for f in large] == [(beigou.pk, ["50000.01"])]
    assert "50,000.01" in large[0].reason and "超过大额支出标准" in large[0].reason
    assert "运行记录" in large[0].reason and "会议决议" in large[0].reason


@pytest.mark.sqlite
@pytest.mark.django_db
def test_the_large_expense_amount_is_the_towns_setting(dtown, beigou):
    save_plugin_settings(dtown, "disclosure", {"large_expense_amount": 100000})
    publish(beigou, 5, [expense(3, "80000.00")])
    assert findings(dtown, "large") == []
    save_plugin_settings(dtown, "disclosure", {"large_expense_amount": 60000})
    assert [amounts(f) for f in findings(dtown, "large")] == [["80000.00"]]


@pytest.mark.sqlite
@pytest.mark.django_db
def test_payments_just_under_the_threshold_to_one_counterparty_within_the_window_are_flagged(dtown, beigou):
    publish(beigou, 5, [
        expense(3, "48000.00", counterparty="张三明", purpose="劳务费一"),
        expense(20, "49500.00", counterparty="张三明", purpose="劳务费二"),
    ])
    split = findings(dtown, "split")
    assert [amounts(f) for f in split] == [["48000.00", "49500.00"]]
    assert "略低于" in split[0].reason and "97,500.00" in split[0].reason
    assert {party for *_rest, party in split[0].rows} == {"张*明"}  # a person's name is masked on the board


@pytest.mark.sqlite
@pytest.mark.django_db
def test_small_payments_summing_over_the_threshold_across_two_months_are_flagged(dtown, beigou):
    publish(beigou, 4, [expense(25, "30000.00", counterparty="县建筑公司")])
    publish(beigou, 5, [expense(10, "25000.00", counterparty="县建筑公司")])  # 15 days later
    split = findings(dtown, "split")
    assert [amounts(f) for f in split] == [["30000.00", "25000.00"]]
    assert "55,000.00" in split[0].reason and "县建筑公司" in split[0].rows[0][3]


@pytest.mark.sqlite
@pytest.mark.django_db
@pytest.mark.parametrize("lines", [
    pytest.param([expense(3, "25000.00"), expense(20, "25000.00")], id="together-just-at-the-threshold"),
    pytest.param([expense(3, "48000.00"), expense(20, "49500.00", counterparty="县水泥厂")], id="different-counterparties"),
    pytest.param([expense(3, "50000.00"), expense(4, "1000.00")], id="one-of-them-is-not-under-the-threshold"),
])
def test_payments_that_are_not_a_split_are_not_flagged(dtown, beigou, lines):
    publish(beigou, 5, lines)
    assert findings(dtown, "split") == []


@pytest.mark.sqlite
@pytest.mark.django_db
def test_payments_further_apart_than_the_window_are_not_a_split_and_the_window_is_the_towns_setting(dtown, beigou):
    publish(beigou, 4, [expense(30, "48000.00")])
    publish(beigou, 5, [expense(31, "49500.00")])  # 31 days later
    assert findings(dtown, "split") == []
    save_plugin_settings(dtown, "disclosure", {"split_window_days": 31})
    assert [amounts(f) for f in findings(dtown, "split")] == [["48000.00", "49500.00"]]


@pytest.mark.sqlite
@pytest.mark.django_db
def test_one_counterparty_paid_under_several_records_in_a_month_is_flagged(dtown, beigou, record):
    road, bridge, well = (record(beigou, title) for title in ("道路硬化", "小桥维修", "机井修缮"))
    publish(beigou, 5, [
        expense(3, "1000.00", counterparty="李四", record=road, purpose="工钱一"),
        expense(9, "2000.00", counterparty="李四", record=bridge, purpose="工钱二"),
        expense(10, "3000.00", counterparty="王五", record=road, purpose="同一记录两次"),
        expense(11, "3000.00", counterparty="王五", record=road, purpose="同一记录两次"),
    ])
    publish(beigou, 4, [expense(28, "1000.00", counterparty="赵六", record=road)])
    publish(beigou, 6, [expense(2, "1000.00", counterparty="赵六", record=well)])  # different months
    several = findings(dtown, "records")
    assert [amounts(f) for f in several] == [["1000.00", "2000.00"]]
    assert road.tracking_code in several[0].reason and bridge.tracking_code in several[0].reason
    assert "2026-05" in several[0].reason and {row[3] for row in several[0].rows} == {"李*"}


def board(client, user):
    client.force_login(user)
    with translation.override("zh-hans"):
        response = client.get(BOARD, HTTP_HOST="localhost")
    assert response.status_code == 200
    return response


@pytest.mark.sqlite
@pytest.mark.django_db
def test_the_board_shows_the_towns_warnings_per_village_to_its_supervisor_and_not_to_another_town(
        client, dtown, beigou, zhonggou, reviewer, other_town, enable_plugin, make_user):
    publish(beigou, 5, [expense(3, "60000.00", purpose="北沟挖机租赁")])
    publish(zhonggou, 5, [expense(3, "30000.00", counterparty="张三明", purpose="中沟劳务一"),
                          expense(9, "30000.00", counterparty="张三明", purpose="中沟劳务二")])
    page = board(client, reviewer)
    html = page.content.decode()
    assert "财务预警" in html and 'data-finance-count="2"' in html
    assert {village.name: len(found) for village, found in page.context["finance"]} == {
        "北沟村": 1, "中沟村": 1, "向阳村": 0}
    assert "北沟挖机租赁" in html and "中沟劳务二" in html and "张*明" in html and "张三明" not in html
    enable_plugin(other_town, "disclosure")
    stranger = make_user("liuhejianwei", other_town, Role.SUPERVISOR)
    html = board(client, stranger).content.decode()
    assert "财务预警" in html and "北沟挖机租赁" not in html and "中沟劳务" not in html


@pytest.mark.django_db
def test_the_board_asks_as_many_queries_for_many_lines_as_for_few(
        client, dtown, beigou, zhonggou, reviewer, record, django_assert_max_num_queries):
    road, bridge = record(beigou, "道路硬化"), record(beigou, "小桥维修")

    def month_of_findings(village, month, scale):
        lines = []
        for n in range(scale):
            lines += [expense(1, "60000.00", purpose=f"大额{n}"),
                      expense(2, "48000.00", counterparty=f"施工队{month}-{n}"),
                      expense(3, "49000.00", counterparty=f"施工队{month}-{n}")]
            if village == beigou:
                lines += [expense(4, "100.00", counterparty=f"李{n}", record=road),
                          expense(5, "100.00", counterparty=f"李{n}", record=bridge)]
        publish(village, month, lines)

    month_of_findings(beigou, 4, 1)
    client.force_login(reviewer)
    client.get(BOARD, HTTP_HOST="localhost")  # the first request fills the town's caches
    with CaptureQueriesContext(connection) as few:
        client.get(BOARD, HTTP_HOST="localhost")
    assert len(findings(dtown)) == 3
    month_of_findings(beigou, 5, 20)
    month_of_findings(zhonggou, 5, 20)
    with django_assert_max_num_queries(len(few)):
        page = client.get(BOARD, HTTP_HOST="localhost")
    assert page.context["finance_count"] == 3 + 20 * 3 + 20 * 2


def line_form(village, category, **line):
    return {
        "village": village.pk, "year": 2026, "month": 5, "opening_balance": "0", "closing_balance": "0",
        "lines-TOTAL_FORMS": 1, "lines-INITIAL_FORMS": 0, "lines-MIN_NUM_FORMS": 0, "lines-MAX_NUM_FORMS": 1000,
        "lines-0-date": "2026-05-02", "lines-0-kind": "expense", "lines-0-category": category.pk,
        "lines-0-amount": "10", "lines-0-purpose": "挖机租赁", **{f"lines-0-{k}": v for k, v in line.items()},
    }


@pytest.mark.django_db
def test_the_line_editor_offers_the_villages_records_and_refuses_another_villages(
        client, dtown, beigou, zhonggou, editor, record, make_user):
    ours, theirs = record(beigou, "北沟村道路硬化"), record(zhonggou, "中沟村水渠")
    draft = LedgerMonth.objects.create(village=beigou, year=2026, month=5)
    office = Category.objects.get(town=dtown, name="公益支出")
    client.force_login(editor)
    edit = f"/admin/disclosure/ledgermonth/edit/{draft.pk}/"
    html = client.get(edit, HTTP_HOST="localhost").content.decode()
    assert f"北沟村道路硬化（{ours.tracking_code}）" in html
    assert "中沟村水渠" not in html and theirs.tracking_code not in html
    forged = client.post(edit, line_form(beigou, office, record=theirs.pk), HTTP_HOST="localhost")
    assert forged.status_code == 200 and not LineItem.objects.exists()
    good = client.post(edit, line_form(beigou, office, record=ours.pk), HTTP_HOST="localhost")
    assert good.status_code == 302 and LineItem.objects.get().record == ours
    # A town editor sees both villages' records on a new ledger; the one cited must be the chosen village's.
    town_editor = make_user("zhenbianji", dtown, Role.TOWN_EDITOR, is_staff=True)
    client.force_login(town_editor)
    with translation.override("zh-hans"):
        refused = client.post("/admin/disclosure/ledgermonth/create/", line_form(beigou, office, record=theirs.pk) | {
            "month": 6, "lines-0-date": "2026-06-02"}, HTTP_HOST="localhost")
    assert refused.status_code == 200 and "属于其他村" in refused.content.decode()
    assert not LedgerMonth.objects.filter(month=6).exists() and LineItem.objects.count() == 1


@pytest.mark.django_db
def test_a_correction_keeps_the_cited_record(dtown, beigou, editor, record):
    road = record(beigou, "道路硬化")
    ledger = publish(beigou, 5, [expense(3, "1000.00", record=road)])
    draft = workflow.start_correction(ledger, editor, "金额有误")
    assert [line.record for line in draft.lines.all()] == [road]


HEADER = ["日期", "收支类型", "科目", "金额（元）", "往来单位/个人", "用途/摘要", "运行记录编号"]


@pytest.mark.django_db
def test_the_import_takes_a_good_tracking_code_and_reports_a_bad_one_on_its_row(dtown, beigou, zhonggou, record):
    ours, theirs = record(beigou, "道路硬化"), record(zhonggou, "中沟村水渠")
    draft = LedgerMonth.objects.create(village=beigou, year=2026, month=5)
    rows = [HEADER, ["2026-05-03", "支出", "公益支出", "100", "县建筑公司", "工程款", ours.tracking_code.lower()],
            ["2026-05-04", "支出", "公益支出", "100", "县建筑公司", "工程款", ""]]
    assert import_lines(draft, rows).created == 2
    assert [line.record for line in draft.lines.order_by("date")] == [ours, None]
    second = LedgerMonth.objects.create(village=beigou, year=2026, month=6)
    with translation.override("zh-hans"):
        result = import_lines(second, [HEADER, ["2026-06-03", "支出", "公益支出", "100", "县建筑公司", "工程款", "QL-NOPE"],
                                       ["2026-06-04", "支出", "公益支出", "100", "县建筑公司", "工程款", theirs.tracking_code]])
    assert [(line, heading) for line, heading, _message in result.errors] == [(2, "运行记录编号"), (3, "运行记录编号")]
    assert "QL-NOPE" in result.errors[0][2] and theirs.tracking_code in result.errors[1][2]
    assert "不是本村的权力运行记录编号" in result.errors[1][2]
    assert not second.lines.exists()


@pytest.mark.sqlite
@pytest.mark.django_db
def test_the_public_ledger_links_a_cited_record_to_its_page(client, dtown, beigou, record):
    road = record(beigou, "道路硬化")
    publish(beigou, 5, [expense(3, "1000.00", record=road), expense(4, "10.00", purpose="未引用")])
    html = client.get("/p/disclosure/ledger/beigoucun/?year=2026&month=5", HTTP_HOST="localhost").content.decode()
    assert html.count("data-record=") == 1
    [href] = re.findall(rf'data-record="{road.tracking_code}">[^<]*<a href="([^"]+)">{road.tracking_code}</a>', html)
    page = client.get(href, HTTP_HOST="localhost")  # the villager follows it to the record itself
    assert page.status_code == 200 and "道路硬化" in page.content.decode()