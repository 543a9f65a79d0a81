"""What villagers see: the published month only, filters, totals, SVG charts, downloads, and a summary block."""

import csv
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from disclosure import workflow

from .conftest import SAMPLE_LINES

URL = "/p/disclosure/ledger/beigoucun/"

pytestmark = pytest.mark.sqlite  # public pages: also run on SQLite, what `make run` serves


def get(client, url, host="localhost"):
    return client.get(url, HTTP_HOST=host)


def test_drafts_are_not_public(client, make_ledger, beigou):
    make_ledger(beigou, lines=SAMPLE_LINES)
    text = get(client, URL).content.decode()
    assert "村道路灯维修" not in text and "该月账目尚未公开" in text


def test_a_town_without_the_plugin_answers_404(client, published, other_town):
    assert get(client, "/p/disclosure/ledger/liuhecun/", "liuhe.localhost").status_code == 404


def test_filters_and_totals(client, published, dtown):
    from disclosure.models import Category

    page = get(client, URL).content.decode()
    assert "村道路灯维修" in page and "鱼塘承包费" in page
    assert 'data-total="income">15,500.50' in page and 'data-total="expense">8,610.00' in page
    incomes = get(client, URL + "?year=2026&month=3&kind=income").content.decode()
    assert "鱼塘承包费" in incomes and "村道路灯维修" not in incomes
    assert 'data-total="expense">0' in incomes
    office = Category.objects.get(town=dtown, name="管理费用")
    only_office = get(client, f"{URL}?year=2026&month=3&category={office.pk}").content.decode()
    assert "办公用品" in only_office and "村道路灯维修" not in only_office and "鱼塘承包费" not in only_office
    assert get(client, URL + "?year=2026&month=9").status_code == 404
    assert get(client, URL + "?year=abc&month=13&kind=<script>&page=-1").status_code == 200
    broken = get(client, URL + "?year=2026&month=%E5")  # a cut-off character: refused in Chinese, not a 500
    assert broken.status_code == 400 and "不允许的字符" in broken.content.decode()


def test_charts_are_accessible_server_side_svg(client, published):
    page = get(client, URL).content.decode()
    assert page.count('role="img"') == 2
    assert "<title" in page and "2026年各月收支" in page and "2026年03月支出按科目" in page
    assert ">公益支出</text>" in page and ">3月</text>" in page


def test_csv_and_xlsx_downloads_hold_the_filtered_lines(client, published):
    response = get(client, URL + "download.csv?year=2026&month=3&kind=expense")
    assert response.status_code == 200 and "beigoucun-2026-03.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["日期", "收支类型", "科目", "金额（元）"]
    assert sorted(row[5] for row in rows[1:]) == sorted(["村道路灯维修", "办公用品"])
    response = get(client, URL + "download.xlsx?year=2026&month=3")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert len(values) == 5 and values[1][3] == 12000


def count_queries(client, url):
    get(client, url)  # warm caches of the site root
    with CaptureQueriesContext(connection) as captured:
        response = get(client, url)
    assert response.status_code == 200
    return len(captured)


def test_the_ledger_page_costs_the_same_queries_for_10_or_1000_lines(client, make_ledger, beigou, editor, reviewer,
                                                                      django_assert_max_num_queries):
    small = make_ledger(beigou, month=1, lines=SAMPLE_LINES * 3)
    big = make_ledger(beigou, month=2, lines=SAMPLE_LINES * 250)
    for ledger in (small, big):
        workflow.submit(ledger, editor)
        workflow.approve(ledger, reviewer)
    few = count_queries(client, URL + "?year=2026&month=1")
    many = count_queries(client, URL + "?year=2026&month=2")
    assert many == few
    with django_assert_max_num_queries(few):
        assert "第 1 / 10 页" in get(client, URL + "?year=2026&month=2").content.decode()


@pytest.fixture
def page_with_summaries(dtown):
    from cunwu.pages.models import SectionPage

    page = SectionPage.objects.descendant_of(dtown.root_page).get(slug="lianxi")

    def put(count):
        block = {"type": "disclosure_finance_summary", "value": {"title": "", "village": "beigoucun"}}
        page.body = json.dumps([block] * count)
        page.save_revision().publish()
        return page.url

    return put


def test_summary_blocks_cost_constant_queries(client, published, page_with_summaries):
    one = count_queries(client, page_with_summaries(1))
    url = page_with_summaries(5)
    five = count_queries(client, url)
    assert five == one
    text = get(client, url).content.decode()
    assert text.count("北沟村 2026年3月财务公开") == 5 and "15,500.50 元" in text
