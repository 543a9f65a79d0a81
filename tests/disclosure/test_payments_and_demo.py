"""Benefit payments are masked and frozen once published; the demo's public pages leak no phone, ID or bank number."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from cunwu.plugins.registry import statistics_for
from disclosure.demo import load
from disclosure.models import LedgerLocked, LedgerMonth, Matter, Payment, PaymentList, Status

pytestmark = pytest.mark.sqlite  # public pages: also run on SQLite, what `make run` serves


@pytest.fixture
def payments(beigou):
    payment_list = PaymentList.objects.create(village=beigou, year=2026, programme="耕地地力保护补贴")
    Payment.objects.create(payment_list=payment_list, household_head="张三明", id_last4="123X", bank_last4="6789",
                           amount=Decimal("356.40"), paid_on=date(2026, 6, 15))
    Payment.objects.create(payment_list=payment_list, household_head="李四", id_last4="5678", amount=Decimal("120.00"),
                           paid_on=date(2026, 6, 15))
    payment_list.published_at = timezone.now()
    payment_list.save()
    return payment_list


def test_public_list_masks_names(client, payments):
    page = client.get("/p/disclosure/payments/", HTTP_HOST="localhost").content.decode()
    assert "张*明" in page and "李*" in page and "356.40" in page
    assert "张三明" not in page and "李四" not in page and "123X" not in page


def test_a_household_checks_itself_by_name_and_last_4_id_digits(client, payments):
    wrong = client.post("/p/disclosure/payments/", {"name": "张三明", "id_last4": "0000"}, HTTP_HOST="localhost")
    assert "没有找到" in wrong.content.decode() and "356.40</" not in wrong.content.decode().split("查询")[1][:400]
    right = client.post("/p/disclosure/payments/", {"name": "张三明", "id_last4": "123x"}, HTTP_HOST="localhost").content.decode()
    assert re.search(r"耕地地力保护补贴：<[^>]+>356.40 元", right) and "****6789" in right
    bad = client.post("/p/disclosure/payments/", {"name": "张三明", "id_last4": "12"}, HTTP_HOST="localhost")
    assert bad.status_code == 400


def test_a_published_payment_list_cannot_be_changed(client, payments, editor):
    client.force_login(editor)
    response = client.get(f"/admin/disclosure/paymentlist/edit/{payments.pk}/")
    assert response.status_code == 409 and "已公开的惠农资金名单不能修改" in response.content.decode()
    assert client.post(f"/admin/disclosure/paymentlist/delete/{payments.pk}/").status_code == 409
    payment = payments.payments.first()
    payment.amount = Decimal("9999")
    with pytest.raises(LedgerLocked):
        payment.save()
    assert Payment.objects.get(pk=payment.pk).amount == Decimal("356.40")
    assert PaymentList.objects.filter(pk=payments.pk).exists()


FULL_NUMBERS = [
    re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),  # mobile
    re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])"),  # ID number
    re.compile(r"(?<!\d)\d{16,19}(?!\d)"),  # bank card
]


def test_the_demo_publishes_a_year_and_no_page_leaks_personal_numbers(client, dtown):
    villages = list(dtown.villages.all())
    load(dtown, villages)
    load(dtown, villages)  # idempotent
    today = timezone.localdate()
    last_twelve = [divmod(today.year * 12 + today.month - 1 - back, 12) for back in range(12, 0, -1)]
    months = [(year, month + 1) for year, month in last_twelve]
    published = LedgerMonth.objects.filter(village__town=dtown, status=Status.PUBLISHED)
    assert sorted(set(published.values_list("year", "month"))) == months  # the twelve months up to last month
    assert published.count() == 12 * len(villages)
    assert Matter.objects.filter(town=dtown).count() >= 30
    figures = {figure.label: figure.value for figure in statistics_for(dtown)}
    assert figures["已公开月度账目"] == 36 and figures["已公开惠农资金"] == 60
    assert figures["已登记集体资产"] == 9
    urls = ["/p/disclosure/", "/p/disclosure/power/", "/p/disclosure/payments/", "/p/disclosure/assets/"]
    urls += [f"/p/disclosure/assets/?village={v.code}" for v in villages]
    urls += [f"/p/disclosure/ledger/{v.code}/?year={y}&month={m}" for v in villages for y, m in months]
    urls += [f"/p/disclosure/power/{code}/" for code in Matter.objects.filter(town=dtown).values_list("code", flat=True)]
    urls += [f"/p/disclosure/payments/?list={pk}" for pk in PaymentList.objects.values_list("pk", flat=True)]
    for url in urls:
        response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, url
        text = response.content.decode()
        for pattern in FULL_NUMBERS:
            assert not pattern.search(text), (url, pattern.pattern, pattern.search(text))
