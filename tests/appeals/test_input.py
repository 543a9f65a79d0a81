"""No 500 from input on the public appeals pages: NUL bytes, over-long values and malformed numbers in forms
get a 4xx with a Chinese message (the form's own, or the core's InputGuardMiddleware's), and nothing is stored."""

REFUSED = ("请求未被受理", "选择", "必需", "有效", "请更正", "不允许", "太长", "无效", "请检查", "受理编号由日期", "请输入 4 位数字", "这个字段是必填项")


def refused_in_chinese(response):
    return 400 <= response.status_code < 500 and any(text in response.text for text in REFUSED)

import pytest

from appeals.models import Case, Rating, State
from appeals.workflow import transition
from tests.appeals.test_public import form_data

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "localhost"}


@pytest.mark.parametrize("overrides", [
    {"content": "申请\x00救助"}, {"name": "李\x00四"}, {"phone": "138\x0012345678"}, {"village": "1\x00"},
    {"category": "9" * 40}, {"kind": "x" * 10_000}, {"village": "9" * 40},
])
def test_bad_submissions_are_400_in_chinese(client, appeals_town, overrides):
    response = client.post("/p/appeals/submit/", form_data(appeals_town, **overrides), **HOST)
    assert refused_in_chinese(response), response.text[-800:]
    assert not Case.objects.exists()


def test_show_fields_with_junk_categories_draws_the_form(client, appeals_town):
    for category in ("9" * 40, "1\x00", "x" * 5000):
        response = client.post("/p/appeals/submit/", {**form_data(appeals_town, category=category), "show_fields": "1"}, **HOST)
        assert (response.status_code == 200 or refused_in_chinese(response)) and not Case.objects.exists()
    assert client.get("/p/appeals/submit/", {"category": "9" * 40, "village": "9" * 40}, **HOST).status_code == 200


@pytest.mark.parametrize("number, last4", [
    ("2026\x0012020001", "5678"), ("9" * 100_000, "5678"), ("20261399001", "5678"), ("2026120200001", "5678"),
    ("20261202001", "56\x0078"), ("20261202001", "五六七八"), ("", ""),
])
def test_malformed_lookups_are_400_in_chinese(client, appeals_town, number, last4):
    response = client.post("/p/appeals/lookup/", {"number": number, "last4": last4}, **HOST)
    assert refused_in_chinese(response), response.text[-800:]


def test_bad_ratings_are_400_and_nothing_is_stored(client, new_case):
    case = new_case()
    for state, note in [(State.ACCEPTED, ""), (State.IN_PROGRESS, ""), (State.RESOLVED, "已办结")]:
        case = transition(case, state, note=note)
    bad = {"overall": "satisfied", "method": "basic", "efficiency": "satisfied", "attitude": "satisfied", "comment": "好\x00"}
    response = client.post(f"/p/appeals/c/{case.token}/rate/", bad, **HOST)
    assert refused_in_chinese(response) and not Rating.objects.exists()
    assert client.get(f"/p/appeals/wall/{'9' * 40}/", **HOST).status_code == 404
    junk = client.get("/p/appeals/wall/", {"page": "x\x01" * 100}, **HOST)
    assert junk.status_code == 200 or refused_in_chinese(junk)
