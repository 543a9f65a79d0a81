"""Importing a month from CSV/XLSX: the template, column mapping, every bad row reported, all or nothing, Celery for big files."""

import io
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure.importer import template_workbook
from disclosure.models import ImportJob, LedgerMonth, LineItem, Status

IMPORT = "/admin/disclosure/ledger/{}/import/"


def xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("march.xlsx", buffer.getvalue())


HEADER = ["日期", "收支类型", "科目", "金额（元）", "往来单位/个人", "用途/摘要", "凭证号"]
GOOD = [
    ["2026-03-05", "收入", "补助收入", 12000, "县农业农村局", "村级组织运转经费", "记-001"],
    ["2026-03-08", "支出", "管理费用", "10.00", "镇文具店", "办公用品", "记-002"],
]


@pytest.fixture
def draft(make_ledger, beigou):
    return make_ledger(beigou, lines=[])


def test_the_template_downloads_and_imports_as_is(client, editor, draft):
    client.force_login(editor)
    response = client.get("/admin/disclosure/import/template.xlsx")
    assert response.status_code == 200
    headings = next(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert headings[:4] == ("日期", "收支类型", "科目", "金额（元）")
    upload = SimpleUploadedFile("template.xlsx", response.content)
    assert client.post(IMPORT.format(draft.pk), {"file": upload}).status_code == 302
    draft.refresh_from_db()
    assert draft.line_count == 2 and str(draft.total_income) == "12000.00"


def test_every_bad_row_is_reported_and_nothing_is_saved(client, editor, draft):
    client.force_login(editor)
    rows = [HEADER, GOOD[0],
            ["2026-04-01", "收入", "补助收入", 5, "", "四月的", ""],
            ["昨天", "支出", "不存在的科目", "-3", "", "", ""],
            ["2026-03-09", "转账", "管理费用", "1.234", "", "零钱", ""],
            GOOD[1]]
    response = client.post(IMPORT.format(draft.pk), {"file": xlsx(rows)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "处问题，未保存任何数据" in text
    for line, column, words in [(3, "日期", "不在2026年03月"), (4, "日期", "不是日期"), (4, "科目", "不存在的科目"),
                                (4, "金额（元）", "-3"), (4, "用途/摘要", "缺少用途"), (5, "收支类型", "请填写“收入”或“支出”")]:
        assert f"<td>{line}</td><td>{column}</td><td>" in text and words in text, (line, column, words)
    assert LineItem.objects.filter(ledger=draft).count() == 0


def test_columns_can_be_mapped_by_letter_and_csv_in_gbk_is_read(client, editor, draft):
    client.force_login(editor)
    csv_text = "摘要说明,钱,日子,类,方向\n鱼塘承包费,3500.5,2026/3/2,发包及上交收入,收入\n"
    upload = SimpleUploadedFile("march.csv", csv_text.encode("gb18030"))
    missing = client.post(IMPORT.format(draft.pk), {"file": SimpleUploadedFile("m.csv", csv_text.encode("gb18030"))})
    assert missing.status_code == 400 and "缺少这些列" in missing.content.decode()
    mapping = {"col_purpose": "A", "col_amount": "B", "col_date": "C", "col_category": "D", "col_kind": "E"}
    assert client.post(IMPORT.format(draft.pk), {"file": upload, **mapping}).status_code == 302
    assert LineItem.objects.get(ledger=draft).purpose == "鱼塘承包费"


def test_a_published_ledger_refuses_an_import(client, editor, published):
    client.force_login(editor)
    before = LineItem.objects.filter(ledger=published).count()
    response = client.post(IMPORT.format(published.pk), {"file": xlsx([HEADER, GOOD[0]])})
    assert response.status_code == 400 and "已公开的账目不能修改" in response.content.decode()
    assert LineItem.objects.filter(ledger=published).count() == before


def test_wrong_file_types_get_a_message(client, editor, draft):
    client.force_login(editor)
    response = client.post(IMPORT.format(draft.pk), {"file": SimpleUploadedFile("x.pdf", b"%PDF")})
    assert response.status_code == 400 and "请上传 .xlsx 或 .csv 文件" in response.content.decode()
    response = client.post(IMPORT.format(draft.pk), {"file": SimpleUploadedFile("x.xlsx", b"not a zip")})
    assert response.status_code == 400 and "无法读取" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_big_file_runs_in_celery_with_progress(client, celery_worker, editor, beigou, make_ledger):
    ledger = make_ledger(beigou, lines=[])
    rows = [HEADER] + [["2026-03-%02d" % (1 + n % 28), "支出", "公益支出", "1.50", "", f"第{n}笔", ""] for n in range(12000)]
    client.force_login(editor)
    response = client.post(IMPORT.format(ledger.pk), {"file": xlsx(rows)})
    assert response.status_code == 302
    job = ImportJob.objects.get(ledger=ledger)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state in (ImportJob.State.DONE, ImportJob.State.FAILED):
            break
        time.sleep(0.5)
    assert job.state == ImportJob.State.DONE, (job.state, job.message, job.errors[:3])
    page = client.get(response.url).content.decode()
    assert "<progress" in page and "已导入 12000 条" in page
    ledger = LedgerMonth.objects.get(pk=ledger.pk)
    assert ledger.line_count == 12000 and str(ledger.total_expense) == "18000.00" and ledger.status == Status.DRAFT
