"""Abuse of the disclosure plugin's public pages: the household check cannot be flooded or brute-forced, and no
value a visitor types (malformed, over-long, NUL) is a 500."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from disclosure import household_check
from disclosure.models import Payment, PaymentList

pytestmark = pytest.mark.django_db
URL = "/p/disclosure/payments/"
NOT_FOUND = "没有找到"


@pytest.fixture(autouse=True)
def fresh_counters():
    cache.clear()  # the tests' own Redis database (REDIS_URL): limits start at zero
    yield
    cache.clear()


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


def check(client, name, digits, ip="10.0.0.1", **extra):
    return client.post(URL, {"name": name, "id_last4": digits, **extra}, HTTP_HOST="localhost", REMOTE_ADDR=ip)


def answer(response):
    """The check's answer, without the page around it (the form echoes what was typed)."""
    text = response.content.decode()
    return re.search(r"查询</button></form>(.*?)</section>", text, re.S).group(1).strip()


def test_the_form_carries_a_honeypot_and_a_filled_one_is_refused(client, payments):
    page = client.get(URL, HTTP_HOST="localhost").content.decode()
    assert 'class="cunwu-hp"' in page and 'name="website"' in page
    response = check(client, "张三明", "123X", website="http://spam.example")
    assert response.status_code == 400
    assert "表单未能提交" in response.content.decode() and "356.40 元" not in answer(response)


def test_a_household_locks_after_a_few_wrong_checks_and_the_answer_never_tells(client, payments):
    unknown = answer(check(client, "王五", "0000"))
    wrong = answer(check(client, "张三明", "0000"))
    assert NOT_FOUND in unknown and unknown == wrong
    for attempt in range(household_check.MAX_WRONG - 1):
        assert answer(check(client, "张三明", f"{attempt:04d}", ip=f"10.0.1.{attempt}")) == wrong
    # Five wrong checks from five addresses: now even the right digits get the same "nothing found".
    locked = check(client, "张三明", "123X", ip="10.0.2.1")
    assert locked.status_code == 200 and answer(locked) == wrong
    # Another household is not affected.
    assert "120.00 元" in answer(check(client, "李四", "5678", ip="10.0.2.2"))


def test_the_right_digits_before_the_lock_find_the_payment(client, payments):
    check(client, "张三明", "0000")
    found = answer(check(client, "张三明", "123x"))
    assert "356.40 元" in found and "****6789" in found


def solve(page):
    """The challenge's key and answer, as a person reading the picture would type it."""
    from captcha.models import CaptchaStore

    key = re.search(r'name="captcha_0" value="([^"]+)"', page).group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def test_a_challenge_after_three_checks_then_a_chinese_429_and_nothing_answered(client, payments):
    for _attempt in range(household_check.LIMITS.challenge_after):
        assert check(client, "李四", "5678").status_code == 200
    page = client.get(URL, HTTP_HOST="localhost", REMOTE_ADDR="10.0.0.1").content.decode()
    assert "请输入图片中的字符" in page and 'name="captcha_1"' in page
    without = check(client, "李四", "5678")
    assert without.status_code == 400 and "120.00 元" not in answer(without)
    solved = check(client, "李四", "5678", **solve(without.content.decode()))
    assert solved.status_code == 200 and "120.00 元" in answer(solved)
    # Another address still checks without a challenge.
    assert "captcha_1" not in client.get(URL, HTTP_HOST="localhost", REMOTE_ADDR="10.0.0.9").content.decode()
    limit = int(household_check.LIMITS.per_ip.split("/")[0])
    for _attempt in range(limit - household_check.LIMITS.challenge_after - 2):
        check(client, "李四", "5678")
    refused = check(client, "李四", "5678", **solve(solved.content.decode()))
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "请稍候" in text and "120.00" not in text


@pytest.mark.parametrize("query", [
    "?list=99999999999999999999999", "?list=-1", "?list=１２", "?village=" + "x" * 5000, "?list=" + "9" * 5000,
])
def test_malformed_payment_filters_are_not_errors(client, payments, query):
    assert_not_an_error(client.get(URL + query, HTTP_HOST="localhost"))


def assert_not_an_error(response):
    """A page, a 404, or (the core's input guard: over-long values) a 400 that says why in Chinese."""
    assert response.status_code in (200, 400, 404)
    if response.status_code == 400:
        assert re.search(r"[\u4e00-\u9fff]", response.content.decode())


@pytest.mark.parametrize("body", [
    {"name": "张三\x00明", "id_last4": "123X"}, {"name": "张" * 5000, "id_last4": "123X"},
    {"name": "张三明", "id_last4": "12\x003"}, {"name": "张三明", "id_last4": "9" * 5000}, {},
])
def test_malformed_check_bodies_get_a_chinese_400(client, payments, body):
    response = client.post(URL, body, HTTP_HOST="localhost")
    assert response.status_code == 400
    text = response.content.decode()
    # The list itself shows every household's amount under a masked name; what must not appear is a check's
    # answer (the household's payments by programme, with the tail of its bank account).
    assert re.search(r"[\u4e00-\u9fff]", text) and "****6789" not in text and not re.search(r"补贴：<[^>]+>356.40 元", text)


def test_a_json_body_is_a_400_not_a_500(client, payments):
    response = client.post(URL, data=b'{"name": "\\u0000"}', content_type="application/json", HTTP_HOST="localhost")
    assert response.status_code == 400


@pytest.mark.parametrize("path", [
    "/p/disclosure/ledger/{village}/?year=99999999999&month=3",
    "/p/disclosure/ledger/{village}/?year=2026&month=99999999999999999999",
    "/p/disclosure/ledger/{village}/?year=2026&month=3&category=99999999999999999999",
    "/p/disclosure/ledger/{village}/?year=2026&month=3&kind=" + "k" * 3000 + "&page=99999999999999999999",
    "/p/disclosure/ledger/{village}/download.csv?year=2026&month=3&category=99999999999999999999",
    "/p/disclosure/ledger/" + "v" * 3000 + "/",
    "/p/disclosure/power/?q=" + "问" * 5000 + "&category=" + "c" * 3000,
    "/p/disclosure/power/" + "X" * 3000 + "/",
    "/p/disclosure/assets/?village=" + "x" * 3000 + "&kind=" + "k" * 3000,
])
def test_over_long_and_malformed_public_filters_are_never_a_500(client, published, beigou, path):
    assert_not_an_error(client.get(path.format(village=beigou.code), HTTP_HOST="localhost"))


@pytest.mark.parametrize("path", ["/p/disclosure/power/?q=%00", "/p/disclosure/power/A%00B/", "/p/disclosure/assets/?kind=%00"])
def test_nul_bytes_in_the_address_are_a_chinese_400(client, dtown, path):
    response = client.get(path, HTTP_HOST="localhost")
    assert response.status_code == 400 and re.search(r"[\u4e00-\u9fff]", response.content.decode())
