"""The disclosure admin of town A names nothing of town B; uploads are judged by content; exports of households
are audited; households' ID digits go after the retention period while the public record stays."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from cunwu.towns.models import Role
from disclosure import retention
from disclosure.models import Category, LedgerMonth, LineItem, Payment, PaymentList

pytestmark = pytest.mark.django_db
FOREIGN_CATEGORY = "柳河专用科目"
FOREIGN_VILLAGE = "柳河村"


@pytest.fixture
def foreign(other_town, enable_plugin):
    """Town B with the plugin on, its own category, a ledger, an asset and a payment list."""
    from disclosure.models import Asset

    enable_plugin(other_town, "disclosure")
    Category.objects.create(town=other_town, kind="expense", name=FOREIGN_CATEGORY)
    village = other_town.villages.get(name=FOREIGN_VILLAGE)
    LedgerMonth.objects.create(village=village, year=2026, month=3)
    Asset.objects.create(village=village, kind="pond", name="柳河鱼塘", value=Decimal("1000"))
    payment_list = PaymentList.objects.create(village=village, year=2026, programme="柳河补贴")
    Payment.objects.create(payment_list=payment_list, household_head="赵六", id_last4="4321", amount=Decimal("10"),
                           paid_on=date(2026, 6, 1))
    return other_town


@pytest.fixture
def town_editor(dtown, make_user):
    return make_user("zhenguanli", dtown, Role.TOWN_ADMIN, is_staff=True)


@pytest.mark.parametrize("url", [
    "/admin/disclosure/ledgermonth/create/", "/admin/disclosure/ledgermonth/", "/admin/disclosure/asset/",
    "/admin/disclosure/asset/create/", "/admin/disclosure/category/create/", "/admin/disclosure/paymentlist/",
    "/admin/disclosure/paymentlist/create/",
])
def test_town_a_screens_name_no_village_or_category_of_town_b(client, dtown, foreign, town_editor, make_ledger, beigou, url):
    make_ledger(beigou)
    client.force_login(town_editor)
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200
    html = response.content.decode()
    for name in (FOREIGN_CATEGORY, FOREIGN_VILLAGE, "柳河鱼塘", "柳河补贴"):
        assert name not in html, (url, name)
    if "ledgermonth/create" in url:
        assert "管理费用" in html  # the "add line" template offers the town's own categories


def test_a_category_of_town_b_cannot_be_posted_as_a_line(client, dtown, foreign, editor, beigou):
    client.force_login(editor)
    alien = Category.objects.get(name=FOREIGN_CATEGORY)
    response = client.post("/admin/disclosure/ledgermonth/create/", ledger_form(beigou, alien), HTTP_HOST="localhost")
    assert response.status_code == 200 and not LedgerMonth.objects.filter(village=beigou).exists()


def ledger_form(village, category, **line):
    return {
        "village": village.pk, "year": 2026, "month": 4, "opening_balance": "0", "closing_balance": "0",
        "lines-TOTAL_FORMS": 1, "lines-INITIAL_FORMS": 0, "lines-MIN_NUM_FORMS": 0, "lines-MAX_NUM_FORMS": 1000,
        "lines-0-date": "2026-04-02", "lines-0-kind": category.kind, "lines-0-category": category.pk,
        "lines-0-amount": "10", "lines-0-purpose": "办公费", **{f"lines-0-{k}": v for k, v in line.items()},
    }


def gps_jpeg():
    exif = PILImage.Exif()
    exif[0x010F] = "VillagePhone"  # camera make: metadata the stored file must not keep
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 60, 40)).save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("pingzheng.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_a_voucher_scan_is_stored_without_its_location(client, dtown, editor, beigou):
    client.force_login(editor)
    office = Category.objects.get(town=dtown, name="管理费用")
    response = client.post("/admin/disclosure/ledgermonth/create/", ledger_form(beigou, office, attachment=gps_jpeg()),
                           HTTP_HOST="localhost")
    assert response.status_code == 302, response.content.decode()[:1500]
    line = LineItem.objects.get()
    with line.attachment.open("rb") as stored:
        assert not PILImage.open(stored).getexif()


@pytest.mark.parametrize("name, data", [
    ("pingzheng.pdf", b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\ntrailer<</Root 1 0 R>>"),
    ("pingzheng.pdf", b"%PDF-<html><script>alert(1)</script></html>"),
    ("pingzheng.jpg", b"<svg onload=alert(1)>"),
])
def test_an_active_or_disguised_voucher_is_refused_in_chinese_and_nothing_saved(client, dtown, editor, beigou, name, data):
    client.force_login(editor)
    office = Category.objects.get(town=dtown, name="管理费用")
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")
    response = client.post("/admin/disclosure/ledgermonth/create/", ledger_form(beigou, office, attachment=upload),
                           HTTP_HOST="localhost")
    assert response.status_code == 200 and "pingzheng" in response.content.decode()
    assert not LedgerMonth.objects.exists() and not LineItem.objects.exists()


@pytest.mark.parametrize("name, data", [
    ("lines.xlsx", b"<html><script>alert(1)</script></html>"),
    ("lines.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
])
def test_an_import_file_that_is_not_what_its_name_says_is_refused(client, make_ledger, beigou, editor, name, data):
    ledger = make_ledger(beigou)
    client.force_login(editor)
    response = client.post(f"/admin/disclosure/ledger/{ledger.pk}/import/", {"file": SimpleUploadedFile(name, data)},
                           HTTP_HOST="localhost")
    assert response.status_code == 400
    assert "不是" in response.content.decode() and not ledger.import_jobs.exists()


@pytest.fixture
def published_list(beigou):
    payment_list = PaymentList.objects.create(village=beigou, year=2026, programme="耕地地力保护补贴")
    Payment.objects.create(payment_list=payment_list, household_head="张三明", id_last4="123X", bank_last4="6789",
                           amount=Decimal("356.40"), paid_on=date(2026, 6, 15))
    Payment.objects.create(payment_list=payment_list, household_head="李四", id_last4="5678", amount=Decimal("120.00"),
                           paid_on=date(2026, 6, 15))
    payment_list.published_at = timezone.now()
    payment_list.save()
    return payment_list


def test_exporting_households_is_audited_without_names_or_digits(client, dtown, editor, published_list):
    from openpyxl import load_workbook

    from cunwu.security.models import AuditEntry

    client.force_login(editor)
    index = client.get("/admin/disclosure/paymentlist/", HTTP_HOST="localhost").content.decode()
    url = f"/admin/disclosure/payments/{published_list.pk}/export.xlsx"
    assert url in index
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][:3] == ("张三明", "123X", "6789") and len(rows) == 3
    entry = AuditEntry.objects.get(action="disclosure.export_payments")
    assert entry.town == dtown and entry.user == editor and entry.detail["households"] == 2
    recorded = str(entry.detail) + entry.target
    assert "张三明" not in recorded and "123X" not in recorded and "6789" not in recorded


def test_staff_of_town_b_cannot_export_town_a_households(client, published_list, foreign, make_user):
    from cunwu.security.models import AuditEntry

    stranger = make_user("liuhebianji", foreign, Role.TOWN_EDITOR, is_staff=True)
    client.force_login(stranger)
    response = client.get(f"/admin/disclosure/payments/{published_list.pk}/export.xlsx", HTTP_HOST="liuhe.localhost")
    assert response.status_code in (302, 403, 404) and "张三明".encode() not in response.content
    assert not AuditEntry.objects.filter(action="disclosure.export_payments").exists()


def test_households_lose_their_digits_after_the_period_and_the_public_page_stays_the_same(client, dtown, published_list):
    recent = PaymentList.objects.create(village=published_list.village, year=2026, programme="新补贴")
    Payment.objects.create(payment_list=recent, household_head="王五", id_last4="1111", amount=Decimal("1"), paid_on=date(2026, 6, 1))
    recent.published_at = timezone.now()
    recent.save()
    PaymentList.objects.filter(pk=published_list.pk).update(published_at=timezone.now() - timedelta(days=4 * 365))
    page = f"/p/disclosure/payments/?list={published_list.pk}"
    before = client.get(page, HTTP_HOST="localhost").content.decode()
    cutoff = timezone.now() - timedelta(days=3 * 365)

    assert retention.anonymise_households(dtown, cutoff, dry_run=True) == 2
    assert Payment.objects.filter(id_last4="123X").exists()
    assert retention.anonymise_households(dtown, cutoff) == 2
    old = list(Payment.objects.filter(payment_list=published_list).order_by("pk").values_list("household_head", "id_last4", "bank_last4", "amount"))
    assert old == [("张*明", "", "", Decimal("356.40")), ("李*", "", "", Decimal("120.00"))]
    assert Payment.objects.get(payment_list=recent).id_last4 == "1111"
    assert retention.anonymise_households(dtown, cutoff) == 0
    after = client.get(page, HTTP_HOST="localhost").content.decode()
    assert "张*明" in after and "356.40" in after and before.count("张*明") == after.count("张*明")
    checked = client.post("/p/disclosure/payments/", {"name": "张三明", "id_last4": "123X"}, HTTP_HOST="localhost")
    assert "没有找到" in checked.content.decode()


def test_the_plugin_declares_its_retention_rule():
    from cunwu.plugins.registry import get_plugin, retention_rules

    rules = {rule.key: rule for rule in retention_rules(get_plugin("disclosure"))}
    assert set(rules) == {"payment_households", "record_reporters"}  # (record_reporters: record_reports.py)
    assert all(rule.default_days >= 365 for rule in rules.values())
