"""The Open311 GeoReport v2 API: services, submitting, reading without personal data, errors in Chinese."""

import json

import pytest

from appeals.models import Case, Category, State
from appeals.workflow import transition

pytestmark = pytest.mark.django_db
BASE = "/p/appeals/open311/v2"
HOST = {"HTTP_HOST": "localhost"}


@pytest.fixture
def api(client, appeals_town, redis_url):  # redis_url: fresh rate-limit counters
    return client


def new_request(town, **overrides):
    data = {
        "service_code": str(Category.objects.get(town=town, name="低保救助").pk),
        "attribute[kind]": "application", "attribute[village]": str(town.villages.get(name="北沟村").pk),
        "description": "家里老人生病，申请临时救助，联系电话13812345678", "first_name": "四", "last_name": "李",
        "phone": "13812345678",
    }
    data.update(overrides)
    return data


def test_services_definition_and_bad_queries(api, appeals_town):
    services = api.get(f"{BASE}/services.json", **HOST).json()
    assert {s["service_name"] for s in services} == {"低保救助", "村务公开"}
    code = next(s["service_code"] for s in services if s["service_name"] == "低保救助")
    attributes = api.get(f"{BASE}/services/{code}.json", **HOST).json()["attributes"]
    kinds = next(a for a in attributes if a["code"] == "kind")
    assert [v["key"] for v in kinds["values"]] == ["application", "question"]
    missing = api.get(f"{BASE}/services/999999.json", **HOST)
    assert missing.status_code == 404 and missing.json()[0]["description"] == "没有这个编码的服务。"
    bad_date = api.get(f"{BASE}/requests.json", {"start_date": "yesterday"}, **HOST)
    assert bad_date.status_code == 400 and "ISO 8601" in bad_date.json()[0]["description"]
    assert api.get(f"{BASE}/requests.json", {"status": "done"}, **HOST).status_code == 400
    assert api.get(f"{BASE}/requests/20990101001.json", **HOST).json()[0]["description"] == "没有这个编号的诉求。"
    broken = api.post(f"{BASE}/requests.json", "{not json", content_type="application/json", **HOST)
    assert broken.status_code == 400 and broken.json()[0]["description"] == "请求内容不是有效的 JSON。"



def test_post_creates_a_case_and_get_shows_no_personal_data(api, appeals_town, make_user):
    created = api.post(f"{BASE}/requests.json", new_request(appeals_town), **HOST)
    assert created.status_code == 201, created.content
    public_id = created.json()[0]["service_request_id"]
    case = Case.objects.get(public_id=public_id)
    assert case.name == "李四" and str(case.phone) == "+8613812345678"
    assert f"您的受理编号为 {case.number}" in created.json()[0]["service_notice"]  # the submitter learns it
    as_json = api.post(f"{BASE}/requests.json", json.dumps(new_request(appeals_town)), content_type="application/json", **HOST)
    assert as_json.status_code == 201
    one = api.get(f"{BASE}/requests/{public_id}.json", **HOST)
    listing = api.get(f"{BASE}/requests.json", **HOST)
    for response in (one, listing):
        text = response.content.decode()
        assert public_id in text
        for private in ("李四", "13812345678", "老人生病", case.token, case.number):
            assert private not in text
    item = one.json()[0]
    assert item["status"] == "open" and item["status_notes"] == "已提交" and item["address"] == "北沟村"
    schema = api.get(f"{BASE}/openapi.json", **HOST).json()
    documented = schema["components"]["schemas"]["ServiceRequest"]["properties"]
    assert set(item) <= set(documented)
    handler = make_user("handler", appeals_town)
    transition(case, State.REJECTED, handler, "不属于本村事务，请联系李四本人13812345678")
    closed = api.get(f"{BASE}/requests.json", {"status": "closed"}, **HOST).json()
    assert [c["service_request_id"] for c in closed] == [public_id]
    assert "李四" not in json.dumps(closed, ensure_ascii=False)


BAD_POSTS = [
    ({"description": ""}, "description: 请描述您的事项。"),
    ({"description": "x" * 100_000}, "description: 具体内容请不要超过 2000 字。"),
    ({"phone": "12345"}, "phone: 请输入有效的中国大陆手机号（11 位）。"),
    ({"service_code": "abc"}, "service_code:"),
    ({"attribute[village]": "999999"}, "attribute[village]:"),
    ({"description": "\u200b\u200b"}, "description: 请描述您的事项。"),
]


def test_bad_posts_get_400_json_in_chinese_store_nothing_and_are_rate_limited(api, appeals_town):
    from django.core.cache import cache

    for overrides, message in BAD_POSTS:
        cache.clear()  # bad posts count against the rate limit too; each is checked on its own here
        response = api.post(f"{BASE}/requests.json", new_request(appeals_town, **overrides), **HOST)
        assert response.status_code == 400 and response["Content-Type"] == "application/json"
        assert any(error["description"].startswith(message) for error in response.json()), response.json()
    assert not Case.objects.exists()
    cache.clear()
    statuses = [api.post(f"{BASE}/requests.json", new_request(appeals_town), **HOST).status_code for _ in range(6)]
    assert statuses == [201] * 5 + [429]
    assert Case.objects.count() == 5
