"""No 500 from input: every public page reached from the demo town's home page, and the admin's screens, hit with a
NUL byte, an over-long value, malformed numbers and a POST of the wrong content type. Each answers with a 4xx in
Chinese (English for a visitor who chose English) or, when the input is harmless, the normal page."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from cunwu.plugins.testing import crawl_town

from .test_isolation_matrix import admin_list_urls

CHINESE = re.compile(r"[\u4e00-\u9fff]")
NOT_ALLOWED_ZH = "网址中含有不允许的字符"
TOO_LONG_ZH = "太长"
MALFORMED_NUMBERS = ("abc", "-1", "1.5", "1e9", "99999999999999999999999", "0x10", "１２")
NUMBER_PARAMS = ("page", "p", "village", "year", "month", "category", "kind", "status", "id", "ordering")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Both demo towns, built once for the module inside a transaction that is rolled back at its end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            public = sorted(crawl_town(Client(), "localhost", limit=400, per_path_queries=2))
            yield {"public": public}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def with_params(url, **params):
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(params)
    return f"{parts.path}?{urlencode(query)}"


def each_value_replaced(url, value):
    """The URL with every existing parameter, and the common numeric ones, set to `value`."""
    names = {name for name, _v in parse_qsl(urlsplit(url).query, keep_blank_values=True)} | set(NUMBER_PARAMS)
    return with_params(url, q=value, **{name: value for name in names})


def judge(response, url, failures, must_refuse=None):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    status, text = response.status_code, body.decode("utf-8", "replace")
    if status >= 500:
        failures.append((url, status))
    elif must_refuse and (status not in (400, 413) or must_refuse not in text):
        failures.append((url, status, text[:120]))
    elif 400 <= status < 500 and status != 405 and not CHINESE.search(text):
        failures.append((url, status, "no Chinese", text[:120]))


def staff_client(username):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def targets(demo, db):
    """(client, url, host) for every public page and, signed in as the town administrator, every admin list."""
    public = [(Client(), url, "localhost") for url in demo["public"]]
    admin = staff_client("xihu-admin")
    return public + [(admin, url, "localhost") for url in admin_list_urls()]


@pytest.mark.parametrize("mutation", ["nul", "nul-in-value", "over-long", "over-long-query"])
def test_nul_and_over_long_values_are_refused_in_chinese(demo, db, mutation):
    failures = []
    for client, url, host in targets(demo, db):
        if mutation == "nul":
            bad, expected = with_params(url, q="a\x00b"), NOT_ALLOWED_ZH
        elif mutation == "nul-in-value":
            bad, expected = each_value_replaced(url, "1\x00"), NOT_ALLOWED_ZH
        elif mutation == "over-long":
            bad, expected = with_params(url, q="村" * 2100), TOO_LONG_ZH
        else:
            bad, expected = with_params(url, **{f"f{i}": "x" * 1900 for i in range(5)}), TOO_LONG_ZH
        judge(client.get(bad, HTTP_HOST=host), bad[:100], failures, must_refuse=expected)
    assert not failures, failures


@pytest.mark.parametrize("round_", ["not a number", "beyond 64 bits", "the other shapes, one per address"])
def test_malformed_numbers_never_fail(demo, db, round_):
    # Every address gets the two kinds that were 500s (a word where a number goes, an overflow) and one of the
    # other shapes in turn: all seven on every address cost CI seven minutes for nothing the three rounds miss.
    fixed = {"not a number": "abc", "beyond 64 bits": "99999999999999999999999"}
    others = [value for value in MALFORMED_NUMBERS if value not in fixed.values()]
    failures = []
    for index, (client, url, host) in enumerate(targets(demo, db)):
        value = fixed.get(round_) or others[index % len(others)]
        bad = each_value_replaced(url, value)
        judge(client.get(bad, HTTP_HOST=host), bad, failures)
    assert not failures, failures


@pytest.mark.parametrize("content_type, body", [
    ("text/plain", "村务\x00"),
    ("application/json", '{"village": "1\\u0000", '),
    ("application/xml", "<a>1</a>"),
])
def test_posts_of_the_wrong_content_type_never_fail(demo, db, content_type, body):
    failures = []
    for client, url, host in targets(demo, db):
        judge(client.post(url, data=body, content_type=content_type, HTTP_HOST=host), url, failures)
    assert not failures, failures


def test_nul_in_form_fields_is_refused_urlencoded_and_multipart(demo, db, client):
    urlencoded = client.post("/search/", {"q": "a\x00b"}, HTTP_HOST="localhost")
    assert urlencoded.status_code == 400 and "不允许的字符" in urlencoded.text
    upload = SimpleUploadedFile("a.txt", b"file contents may hold \x00 bytes", content_type="text/plain")
    multipart = client.post("/search/", {"name": "张\x00三", "file": upload}, HTTP_HOST="localhost")
    assert multipart.status_code == 400 and "不允许的字符" in multipart.text
    # A NUL inside a file is the upload checks' business, not a reason to refuse the form.
    upload = SimpleUploadedFile("a.txt", b"\x00\x01", content_type="text/plain")
    assert client.post("/search/", {"name": "张三", "file": upload}, HTTP_HOST="localhost").status_code == 200


def test_the_refusal_is_the_towns_own_page_and_follows_the_visitors_language(demo, db, client):
    chinese = client.get("/search/", {"q": "\x00"}, HTTP_HOST="localhost")
    assert chinese.status_code == 400
    assert NOT_ALLOWED_ZH in chinese.text and "西湖镇" in chinese.text and 'data-page-type="core.bad_input"' in chinese.text
    client.cookies["django_language"] = "en"
    english = client.get("/search/", {"q": "\x00"}, HTTP_HOST="localhost")
    assert english.status_code == 400 and "characters that are not allowed" in english.text


def test_undecodable_query_and_path_are_refused(demo, db, client):
    query = client.get("/search/?q=%E4%B8", HTTP_HOST="localhost")
    assert query.status_code == 400 and NOT_ALLOWED_ZH in query.text
    path = client.get("/villages/%E4%B8/", HTTP_HOST="localhost")
    assert path.status_code == 400 and NOT_ALLOWED_ZH in path.text


def test_too_many_fields_and_too_big_bodies_are_chinese_4xx(demo, db, client, settings):
    fields = client.post("/search/", {f"f{i}": "1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}, HTTP_HOST="localhost")
    assert fields.status_code == 400 and "字段" in fields.text
    query = client.get("/search/?" + "&".join(f"f{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)), HTTP_HOST="localhost")
    assert query.status_code == 400 and "字段" in query.text
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = client.post("/search/", {"q": "村" * 1000}, HTTP_HOST="localhost")
    assert big.status_code == 413 and "太大" in big.text


def test_a_bad_host_header_is_a_chinese_400(demo, db, client, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400 and CHINESE.search(response.text) and "Bad Request" not in response.text


def test_a_form_without_its_csrf_token_is_a_chinese_403(demo, db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_HOST="localhost")
    assert response.status_code == 403
    assert "请刷新页面后重新提交" in response.text and "西湖镇" in response.text and "CSRF" not in response.text
