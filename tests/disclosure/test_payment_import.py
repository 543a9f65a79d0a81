"""Payment lists from CSV/XLSX: only last-4 digits kept, every bad row reported, all or nothing, then published and frozen."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cunwu.towns.models import Role
from disclosure.models import Payment, PaymentList

HEADER = ["户主姓名", "身份证号码", "银行卡号", "补贴金额", "发放日期"]


def xlsx(rows, name="list.xlsx"):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def draft_list(beigou):
    return PaymentList.objects.create(village=beigou, year=2026, programme="耕地地力保护补贴")


def test_import_keeps_only_last_four_then_publish_freezes_the_list(client, editor, draft_list):
    client.force_login(editor)
    template = client.get("/admin/disclosure/payments/template.xlsx")
    assert next(openpyxl.load_workbook(io.BytesIO(template.content)).active.iter_rows(values_only=True))[0] == "户主"
    rows = [HEADER, ["张三明", "11010119800101123x", "6222021234567896789", "356.40", "2026-06-15"],
            ["李四", "5678", "", 120, "2026-06-15"]]
    response = client.post(f"/admin/disclosure/payments/{draft_list.pk}/import/", {"file": xlsx(rows)})
    assert response.status_code == 302
    stored = list(Payment.objects.filter(payment_list=draft_list).order_by("id").values_list("household_head", "id_last4", "bank_last4"))
    assert stored == [("张三明", "123X", "6789"), ("李四", "5678", "")]
    assert client.get(f"/admin/disclosure/payments/{draft_list.pk}/publish/").status_code == 200
    assert client.post(f"/admin/disclosure/payments/{draft_list.pk}/publish/").status_code == 302
    draft_list.refresh_from_db()
    assert draft_list.is_locked
    public = client.get(f"/p/disclosure/payments/?list={draft_list.pk}", HTTP_HOST="localhost").content.decode()
    assert "张*明" in public and "张三明" not in public
    again = client.post(f"/admin/disclosure/payments/{draft_list.pk}/import/", {"file": xlsx(rows)})
    assert again.status_code == 409 and "已公开的惠农资金名单不能修改" in again.content.decode()
    assert client.post(f"/admin/disclosure/payments/{draft_list.pk}/publish/").status_code == 409
    assert Payment.objects.filter(payment_list=draft_list).count() == 2


def test_every_bad_row_is_reported_and_nothing_is_saved(client, editor, draft_list):
    client.force_login(editor)
    rows = [HEADER, ["张三明", "11010119800101123X", "", "356.40", "2026-06-15"],
            ["", "1101011980", "abc", "-5", "六月"],
            ["王五", "0001", "", "1.234", ""]]
    response = client.post(f"/admin/disclosure/payments/{draft_list.pk}/import/", {"file": xlsx(rows)})
    assert response.status_code == 400
    errors = {(line, column) for line, column, _message in response.context["errors"]}
    assert errors == {(3, "户主"), (3, "身份证号码（或后4位）"), (3, "银行账号（或后4位）"), (3, "金额（元）"),
                      (3, "发放日期"), (4, "金额（元）"), (4, "发放日期")}
    text = response.content.decode()
    assert "未保存任何数据" in text and "1101011980" not in text
    assert not Payment.objects.exists()
    missing = client.post(f"/admin/disclosure/payments/{draft_list.pk}/import/", {"file": xlsx([["姓名"], ["张三"]])})
    assert missing.status_code == 400 and "缺少这些列" in missing.content.decode()
    wrong = client.post(f"/admin/disclosure/payments/{draft_list.pk}/import/",
                        {"file": SimpleUploadedFile("list.xlsx", b"not a workbook")})
    assert wrong.status_code == 400 and not Payment.objects.exists()
    assert client.post(f"/admin/disclosure/payments/{draft_list.pk}/publish/").status_code == 400  # empty list


def test_another_villages_editor_cannot_import_or_publish(client, dtown, draft_list, make_user):
    other = make_user("xybianji", dtown, Role.VILLAGE_EDITOR, dtown.villages.get(name="向阳村"))
    client.force_login(other)
    rows = [HEADER, ["张三明", "123X", "", "1", "2026-06-15"]]
    assert client.post(f"/admin/disclosure/payments/{draft_list.pk}/import/", {"file": xlsx(rows)}).status_code == 403
    assert client.post(f"/admin/disclosure/payments/{draft_list.pk}/publish/").status_code == 403
    draft_list.refresh_from_db()
    assert not draft_list.is_locked and not Payment.objects.exists()
