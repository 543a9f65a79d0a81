"""The Open311 API fuzzed from its own OpenAPI schema (schemathesis, against the WSGI app in this process):
valid and invalid requests alike never get a 5xx. Kept under a minute."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from appeals.open311 import SCHEMA

pytestmark = pytest.mark.django_db
EXAMPLES = 40  # per operation and mode (7 pairs): under a minute in all


def operations():
    schema = schemathesis.openapi.from_path(str(SCHEMA))
    return schema, [result.ok() for result in schema.get_all_operations()]


def fuzzed():
    """(operation, mode) pairs; only a body or a constrained parameter (enum, format) has invalid values."""
    paths = json.loads(SCHEMA.read_text())["paths"]
    for path, methods in paths.items():
        for method, spec in methods.items():
            yield pytest.param(f"{method.upper()} {path}", GenerationMode.POSITIVE, id=f"{method} {path} valid")
            constrained = any(set(p["schema"]) - {"type"} for p in spec.get("parameters", []))
            if constrained or spec.get("requestBody"):  # (any string is a valid plain string parameter)
                yield pytest.param(f"{method.upper()} {path}", GenerationMode.NEGATIVE, id=f"{method} {path} invalid")


@pytest.mark.parametrize("operation, mode", list(fuzzed()))
def test_no_request_the_schema_allows_or_forbids_gets_a_5xx(new_case, appeals_town, operation, mode):
    new_case()  # something to list
    _schema, found = operations()
    app = WSGIHandler()
    [op] = [op for op in found if f"{op.method.upper()} {op.path}" == operation]
    seen = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(op.as_strategy(generation_mode=mode))
    def fuzz(case):
        cache.clear()  # limits would answer 429 before the checks this test is after
        response = case.call(app=app, headers={"Host": "localhost"})
        seen.append(response.status_code)
        assert response.status_code < 500, (case.method, case.formatted_path, case.query, case.body, response.text[:300])

    # As Django's test client does: a request's end must not close the test's own database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        fuzz()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    assert seen and all(status < 500 for status in seen)


def test_wrong_bodies_and_junk_filters_get_4xx_in_chinese(client, appeals_town):
    base, host = "/p/appeals/open311/v2", {"HTTP_HOST": "localhost"}
    cases = [
        client.post(f"{base}/requests.json", "<request><description>x</description></request>", content_type="application/xml", **host),
        client.post(f"{base}/requests.json", "[" * 100_000 + "]" * 100_000, content_type="application/json", **host),
        client.post(f"{base}/requests.json", '{"description": "\\u0000", "service_code": "1\\u0000"}', content_type="application/json", **host),
        client.get(f"{base}/requests.json", {"service_code": "9" * 40}, **host),
        client.get(f"{base}/requests.json", {"start_date": "2026-13-45T00:00:00"}, **host),
        client.get(f"{base}/requests.json", {"end_date": "9999-12-31T23:59:59-23:59"}, **host),
        client.get(f"{base}/requests.json", {"service_request_id": "x" * 100_000}, **host),
        client.get(f"{base}/services/{'9' * 40}.json", **host),
        client.get(f"{base}/requests/{'9' * 500}.json", **host),
        client.delete(f"{base}/requests.json", **host),
    ]
    statuses = [response.status_code for response in cases]
    # An over-long filter is either ignored (no such id) or refused by the core's input guard.
    assert statuses[:6] + statuses[7:] == [415, 400, 400, 400, 400, 400, 404, 404, 405] and statuses[6] in (200, 400)
    for response in cases:
        if response.status_code != 200:
            description = response.json()[0]["description"] if response["Content-Type"] == "application/json" else response.text
            assert any("\u4e00" <= ch <= "\u9fff" for ch in description), description
