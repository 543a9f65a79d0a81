"""No one shuts a town's intake or floods a phone through the appeals forms: honeypot, picture challenge, limits
per address and per mobile number (429 in Chinese, nothing stored), and a case cannot be found by guessing."""

import re

import pytest

from appeals.lookup import MAX_WRONG
from appeals.models import Case, Rating, State
from appeals.workflow import transition
from sms.models import SmsMessage
from tests.appeals.test_public import form_data

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "localhost"}
SUBMIT, LOOKUP = "/p/appeals/submit/", "/p/appeals/lookup/"
NO_MATCH = "没有找到与该编号和手机尾号相符的诉求"


def at(address):
    return {**HOST, "REMOTE_ADDR": address}


def solved_challenge(html):
    """What a villager types: the characters of the picture the page shows (django-simple-captcha's store)."""
    from captcha.models import CaptchaStore

    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def test_every_public_form_has_the_honeypot(client, new_case):
    case = new_case()
    transition(case, State.ACCEPTED)
    transition(case, State.IN_PROGRESS)
    transition(case, State.RESOLVED, note="已办结")
    for url in (SUBMIT, LOOKUP, f"/p/appeals/c/{case.token}/"):
        page = client.get(url, **HOST)
        assert page.status_code == 200 and page.text.count('name="website"') == 1, url
        assert 'name="captcha_1"' not in page.text  # a first visit never meets the challenge


def test_a_filled_honeypot_stores_nothing_and_sends_no_sms(client, appeals_town):
    response = client.post(SUBMIT, form_data(appeals_town, website="http://spam.example"), **HOST)
    assert response.status_code == 400 and "表单未能提交" in response.text
    assert not Case.objects.exists() and not SmsMessage.objects.exists()


def test_the_challenge_comes_after_three_appeals_from_one_address_and_a_solved_one_passes(client, appeals_town):
    phones = iter(["13812345678", "13912345678", "13712345678", "13612345678"])
    for _ in range(3):
        assert client.post(SUBMIT, form_data(appeals_town, phone=next(phones)), **HOST).status_code == 302
    form = client.get(SUBMIT, **HOST)
    assert 'name="captcha_1"' in form.text and "请输入图片中的字符" in form.text
    phone = next(phones)
    unsolved = client.post(SUBMIT, form_data(appeals_town, phone=phone, captcha_0="x", captcha_1="wrong"), **HOST)
    assert unsolved.status_code == 400 and Case.objects.count() == 3
    challenge = solved_challenge(unsolved.text)
    assert client.post(SUBMIT, form_data(appeals_town, phone=phone, **challenge), **HOST).status_code == 302
    assert Case.objects.count() == 4
    # Another villager behind the same town's proxy is another address: no challenge for them.
    other = client.get(SUBMIT, **at("10.0.0.9"))
    assert 'name="captcha_1"' not in other.text


def test_one_address_is_refused_past_its_hourly_limit_in_chinese_with_nothing_stored(client, appeals_town):
    for _ in range(30):  # attempts count, valid or not
        assert client.post(SUBMIT, form_data(appeals_town, content=""), **HOST).status_code == 400
    refused = client.post(SUBMIT, form_data(appeals_town), **HOST)
    assert refused.status_code == 429 and "您的网络提交次数过多" in refused.text
    assert not Case.objects.exists() and not SmsMessage.objects.exists()
    assert client.post(SUBMIT, form_data(appeals_town), **at("10.0.0.2")).status_code == 302


def test_one_mobile_number_gets_five_appeals_a_day_from_any_address(client, appeals_town):
    for n in range(5):
        assert client.post(SUBMIT, form_data(appeals_town), **at(f"10.0.1.{n}")).status_code == 302
    refused = client.post(SUBMIT, form_data(appeals_town), **at("10.0.1.99"))
    assert refused.status_code == 429 and "请稍后再试" in refused.text
    assert Case.objects.count() == 5 and SmsMessage.objects.filter(event="appeal_submitted").count() == 5
    # The API shares the budget: the same number is refused there too.
    from tests.appeals.test_open311 import new_request

    api = client.post("/p/appeals/open311/v2/requests.json", new_request(appeals_town, phone="138 1234 5678"), **at("10.0.2.1"))
    assert api.status_code == 429 and Case.objects.count() == 5


def test_the_client_address_behind_a_trusted_proxy_is_what_counts(client, appeals_town, settings):
    settings.CUNWU_TRUSTED_PROXIES = ["127.0.0.1"]
    phones = iter(f"1381234{n:04d}" for n in range(10))
    for _ in range(3):
        client.post(SUBMIT, form_data(appeals_town, phone=next(phones)), **HOST, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert 'name="captcha_1"' in client.get(SUBMIT, **HOST, HTTP_X_FORWARDED_FOR="203.0.113.5").text
    assert 'name="captcha_1"' not in client.get(SUBMIT, **HOST, HTTP_X_FORWARDED_FOR="203.0.113.6").text


def lookup(client, number, last4, address="127.0.0.1"):
    return client.post(LOOKUP, {"number": number, "last4": last4}, **at(address))


def test_unknown_wrong_and_locked_get_the_same_answer_and_a_case_locks_after_five_wrong_checks(client, new_case):
    case = new_case()
    answers = []
    # From many addresses, so no address meets its own challenge: the lock is per case, not per address.
    answers.append(lookup(client, "20000101001", "5678", "10.1.0.1"))
    for n in range(MAX_WRONG):
        answers.append(lookup(client, case.number, f"{n:04d}", f"10.1.1.{n}"))
    locked = lookup(client, case.number, "5678", "10.1.2.1")  # the right digits, too late
    answers.append(locked)

    def shown(response):
        return response.status_code, re.search(r'<p class="appeals-error" role="alert">(.*?)</p>', response.text, re.S).group(1)

    assert len({shown(response) for response in answers}) == 1
    status, text = shown(locked)
    assert status == 404 and NO_MATCH in text and "镇政府" in text and case.token not in locked.text
    other = new_case()  # another case of the same day is not locked
    assert lookup(client, other.number, "5678", "10.1.3.1").status_code == 302


def test_lookups_from_one_address_meet_the_challenge_then_the_limit(client, new_case):
    case = new_case()
    assert lookup(client, case.number, "5678").status_code == 302
    for _ in range(4):
        lookup(client, "20000101001", "0000")
    page = lookup(client, case.number, "5678")
    assert page.status_code == 400 and 'name="captcha_1"' in page.text  # the 6th check asks the picture
    solved = client.post(LOOKUP, {"number": case.number, "last4": "5678", **solved_challenge(page.text)}, **HOST)
    assert solved.status_code == 302
    for _ in range(30):
        last = lookup(client, case.number, "5678")
    assert last.status_code == 429 and "您的网络提交次数过多" in last.text


def test_lookup_takes_the_number_as_typed(client, new_case):
    case = new_case()
    spaced = f"{case.number[:8]} {case.number[8:]}"
    wide = case.number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    for typed in (spaced, wide, f"{case.number[:8]}-{case.number[8:]}"):
        assert lookup(client, typed, "5678").status_code == 302, typed


def resolved(new_case):
    case = new_case()
    for state, note in [(State.ACCEPTED, ""), (State.IN_PROGRESS, ""), (State.RESOLVED, "已办结")]:
        case = transition(case, state, note=note)
    return case


RATING = {"overall": "satisfied", "method": "basic", "efficiency": "satisfied", "attitude": "satisfied"}


def test_a_rating_with_the_honeypot_filled_is_not_stored(client, new_case):
    case = resolved(new_case)
    bot = client.post(f"/p/appeals/c/{case.token}/rate/", {**RATING, "website": "x"}, **HOST)
    assert bot.status_code == 400 and "表单未能提交" in bot.text and not Rating.objects.exists()
    assert client.post(f"/p/appeals/c/{case.token}/rate/", RATING, **HOST).status_code == 302
    assert Rating.objects.count() == 1


def test_rating_posts_past_the_limit_get_429(client, new_case):
    case = resolved(new_case)
    statuses = [client.post(f"/p/appeals/c/{case.token}/rate/", {"overall": "x"}, **HOST).status_code for _ in range(21)]
    assert statuses == [400] * 20 + [429] and not Rating.objects.exists()


def test_open311_submissions_past_the_hourly_limit_get_429_json_in_chinese(client, appeals_town):
    from tests.appeals.test_open311 import new_request

    statuses = [client.post("/p/appeals/open311/v2/requests.json", new_request(appeals_town, phone=f"1381234{n:04d}"),
                            **HOST).status_code for n in range(11)]
    assert statuses == [201] * 10 + [429]
    refused = client.post("/p/appeals/open311/v2/requests.json", new_request(appeals_town), **HOST)
    assert refused.json()[0]["description"] == "请求过于频繁，请稍后再试。"
    assert Case.objects.count() == 10


def test_open311_publishes_no_number_a_lookup_could_target(client, new_case, appeals_town):
    cases = [new_case(), new_case(kind="question")]
    listing = client.get("/p/appeals/open311/v2/requests.json", **HOST)
    ids = [item["service_request_id"] for item in listing.json()]
    assert sorted(ids) == sorted(case.public_id for case in cases)
    for case in cases:
        assert case.number not in listing.text and case.number[8:] not in ids
        detail = client.get(f"/p/appeals/open311/v2/requests/{case.public_id}.json", **HOST)
        assert detail.status_code == 200 and case.number not in detail.text
        assert client.get(f"/p/appeals/open311/v2/requests/{case.number}.json", **HOST).status_code == 404
        assert lookup(client, case.public_id, "5678").status_code == 400  # not a tracking number
    one = client.get("/p/appeals/open311/v2/requests.json", {"service_request_id": cases[0].public_id}, **HOST)
    assert [item["service_request_id"] for item in one.json()] == [cases[0].public_id]
    assert len({case.public_id for case in Case.objects.all()}) == 2
