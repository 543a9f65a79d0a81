"""Content-Security-Policy: public pages run no inline script (an injected one does nothing), yet every page's own
scripts still work; the admin works under its own policy; violation reports are logged, junk never a 500.

Browser screenshots land in var/screenshots/csp-*.png."""

import base64
import hashlib
import json
import logging
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from cunwu.plugins.testing import crawl_town, ensure_wagtail_roots

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


# Header ---------------------------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_public_pages_allow_no_inline_script_or_style_and_no_framing(client, town):
    policy = directives(client.get("/", HTTP_HOST="localhost"))
    for name in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[name] and "'unsafe-eval'" not in policy[name], policy[name]
        assert "'self'" in policy[name]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    # Embeds from the allowed video sites only, not from any https: site.
    assert "https:" not in policy["frame-src"] and "https://player.bilibili.com" in policy["frame-src"]
    assert policy["report-uri"] == ["/csp-report/"] and policy["report-to"] == ["csp"]


@pytest.mark.django_db
def test_the_admin_has_its_own_policy_without_eval(client, town):
    response = client.get("/admin/login/", HTTP_HOST="localhost")
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    # A nonce or hash would make browsers ignore 'unsafe-inline', and Wagtail's inline scripts with it.
    assert not [source for source in policy["script-src"] + policy["style-src"] if source.startswith(("'nonce-", "'sha"))]
    assert policy["frame-ancestors"] == ["'self'"] and policy["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_the_error_page_style_is_allowed_by_its_hash(town):
    from cunwu.security.csp import CSPMiddleware
    from cunwu.urls import server_error

    request = RequestFactory().get("/", HTTP_HOST="localhost")
    response = CSPMiddleware(server_error)(request)
    styles = re.findall(r"<style>(.*?)</style>", response.content.decode(), re.S)
    assert styles and response.status_code == 500
    for style in styles:
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in directives(response)["style-src"]


# Report endpoint ------------------------------------------------------------------------------------------------
def post_report(client, body, content_type="application/csp-report", address="198.51.100.7"):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post("/csp-report/", data=data, content_type=content_type, HTTP_HOST="localhost", REMOTE_ADDR=address)


@pytest.mark.django_db
def test_a_report_is_logged_in_one_line_without_query_strings(client, town, caplog):
    caplog.set_level(logging.WARNING, logger="cunwu.csp")
    legacy = {"csp-report": {
        "document-uri": "http://localhost/search/?q=13812345678", "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem", "blocked-uri": "https://evil.example/x.js?session=abc",
    }}
    assert post_report(client, legacy).status_code == 204
    modern = [{"type": "csp-violation", "url": "http://localhost/", "body": {
        "documentURL": "http://localhost/appeals/?phone=13812345678", "effectiveDirective": "style-src-attr",
        "blockedURL": "inline", "sample": "color:red",
    }}]
    assert post_report(client, modern, "application/reports+json").status_code == 204
    lines = [record.getMessage() for record in caplog.records if record.name == "cunwu.csp"]
    assert lines == [
        "CSP violation: blocked=https://evil.example/x.js directive=script-src-elem page=http://localhost/search/",
        "CSP violation: blocked=inline directive=style-src-attr page=http://localhost/appeals/",
    ]
    assert "13812345678" not in caplog.text and "session" not in caplog.text


@pytest.mark.django_db
@pytest.mark.parametrize("body", [
    b"", b"not json", b"\xff\xfe\x00garbage", "[" * 100_000, b"{" + b'"a":1,' * 5000 + b"}", "null", "42", '"text"',
    [1, 2, 3], {"csp-report": "x"}, {"csp-report": {"blocked-uri": ["list"]}}, [{"type": "other", "body": {}}],
    [{"body": {"blockedURL": "x" * 10_000, "documentURL": "\x00\n\r" * 50}}] * 50,
], ids=lambda body: repr(body)[:20])
def test_junk_reports_get_204_never_a_500(client, town, body, caplog):
    response = post_report(client, body)
    assert response.status_code == 204
    assert all(len(record.getMessage()) < 800 and "\n" not in record.getMessage() for record in caplog.records
               if record.name == "cunwu.csp")


@pytest.mark.django_db
def test_reports_are_limited_per_client_and_only_posted(client, town):
    assert client.get("/csp-report/", HTTP_HOST="localhost").status_code == 405
    statuses = [post_report(client, {"csp-report": {}}, address="198.51.100.99").status_code for _ in range(35)]
    assert statuses[:30] == [204] * 30 and statuses[-1] == 429
    assert post_report(client, {"csp-report": {}}, address="198.51.100.100").status_code == 204


# In Chromium ----------------------------------------------------------------------------------------------------
WATCH = """() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
  window.__printed = false;
  window.print = () => { window.__printed = true; };
}"""


def watched(page):
    """Collects CSP violations of every document the page opens, from events and from the console."""
    page.add_init_script(f"({WATCH})()")
    console = []
    page.on("console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None)
    return console


def violations(page, console):
    return page.evaluate("window.__csp || []") + console


def representative_urls(client, host):
    """One URL of each page type reached by links from the home page, plus the printable sign and a search."""
    chosen = {}
    for url, (status, page_type) in crawl_town(client, host, limit=300).items():
        if status == 200 and page_type and page_type not in chosen:
            chosen[page_type] = url
    village = chosen.get("cunwu_pages.villagepage")
    return {**chosen, "search": "/search/?q=村", "sign": f"{village}sign/" if village else None}


@pytest.mark.browser
@pytest.mark.sqlite
def test_every_public_page_runs_without_a_violation_and_its_scripts_work(live_server, transactional_db, client, desktop, phone):
    ensure_wagtail_roots()
    call_command("load_demo", verbosity=0)
    give_heroes_a_picture()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    port = live_server.url.rsplit(":", 1)[1]
    problems, seen_types = [], set()
    for host in ("localhost", "liuhe.localhost"):
        base = f"http://{host}:{port}"
        urls = representative_urls(client, host)
        for page in (desktop, phone):
            console = watched(page)
            for name, url in urls.items():
                if not url:
                    continue
                console.clear()
                response = page.goto(base + url)
                page.wait_for_load_state("load")
                seen_types.add(name)
                found = violations(page, console)
                if response.status >= 400 or found:
                    problems.append(f"{host}{url} ({name}): HTTP {response.status} {found}")
            page.goto(base + "/")
            page.screenshot(path=str(SCREENSHOTS / f"csp-{host}-{page.viewport_size['width']}-home.png"), full_page=True)
    assert {"cunwu_pages.homepage", "cunwu_pages.sectionpage", "cunwu_pages.villagepage", "disclosure.ledger",
            "disclosure.payments", "disclosure.assets", "disclosure.power_detail", "appeals.form", "appeals.lookup",
            "appeals.wall", "livestream.broadcastindexpage", "livestream.broadcastpage"} <= seen_types, seen_types
    assert not problems, "\n".join(problems)

    # The scripts still do their work: on the first town, on a phone.
    for host in ("localhost", "liuhe.localhost"):  # westlake and default themes: the nonce'd style applies
        phone.goto(f"http://{host}:{port}/")
        assert "/media/images/" in phone.evaluate("getComputedStyle(document.querySelector('.hero')).backgroundImage")
    base = f"http://localhost:{port}"
    urls = representative_urls(client, "localhost")
    console = watched(phone)

    phone.goto(base + urls["appeals.form"])   # the category list follows the chosen kind at once
    kinds = phone.locator("input[name=kind]")
    counts = set()
    for index in range(kinds.count()):
        kinds.nth(index).check()
        counts.add(phone.locator("select[name=category] option").count())
    assert len(counts) > 1, f"the category list did not change with the kind: {counts}"
    assert phone.locator("button[name=show_fields]").first.is_hidden()

    phone.goto(base + urls["disclosure.power_detail"])
    assert phone.locator("svg.disclosure-flowchart").is_visible()

    phone.goto(base + urls["sign"])
    phone.get_by_role("button", name="打印").click()
    assert phone.evaluate("window.__printed") is True

    live = live_broadcast_url(client, "localhost")
    phone.goto(base + live)
    phone.wait_for_function("() => { const v = document.querySelector('video[data-hls]'); return v && (v.src || v.currentSrc); }")
    phone.evaluate("() => { const v = document.querySelector('video'); v.muted = true; return v.play(); }")
    phone.wait_for_function("() => document.querySelector('video').currentTime > 1", timeout=15000)
    phone.screenshot(path=str(SCREENSHOTS / "csp-live-player.png"), full_page=True)

    phone.goto(base + "/")
    with phone.expect_navigation():
        phone.click("form[action$='/elder-mode/'] button")
    assert phone.evaluate("document.documentElement.classList.contains('elder')")
    with phone.expect_navigation():
        phone.click("button[name=language][value=en]")
    assert phone.evaluate("document.documentElement.lang") == "en"
    phone.screenshot(path=str(SCREENSHOTS / "csp-elder-en-home.png"), full_page=True)
    assert violations(phone, console) == []

    # And what an attacker would inject does not run; the browser says so (so the checks above can fail).
    phone.evaluate("""() => document.body.insertAdjacentHTML('beforeend',
        '<img src="/static/none.png" onerror="window.__ran = 1"><p style="color:red">x</p>')""")
    phone.wait_for_timeout(500)
    assert phone.evaluate("window.__ran") is None
    assert {line.split()[0] for line in violations(phone, console) if line.split()[0].endswith("-attr")} >= {
        "script-src-attr", "style-src-attr"}


def give_heroes_a_picture():
    """The demo's heroes have no picture; each home page's hero gets one (its style carries the nonce)."""
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from cunwu.towns.models import Town

    image = Image.objects.create(title="村景", file=get_test_image_file(filename="village.png"))
    for town in Town.objects.all():
        home = town.root_page.specific
        heroes = [child for child in home.body if child.block_type == "hero"]
        assert heroes, f"{town.name}'s home page has no hero"
        for hero in heroes:
            hero.value["image"] = image
        home.save_revision().publish()


def live_broadcast_url(client, host):
    for url, (status, page_type) in crawl_town(client, host, limit=300).items():
        if page_type == "livestream.broadcastpage":
            html = client.get(url, HTTP_HOST=host).content.decode()
            if 'data-state="live"' in html:
                return url
    raise AssertionError("the demo has no live broadcast")


@pytest.mark.browser
def test_the_admin_edits_chooses_an_image_and_publishes_without_a_violation(live_server, transactional_db, desktop):
    from cunwu.towns.models import Town

    ensure_wagtail_roots()
    call_command("load_demo", verbosity=0)
    home = Town.objects.get(site__hostname="localhost").root_page
    console = watched(desktop)
    desktop.goto(f"{live_server.url}/admin/login/")
    desktop.fill("input[name=username]", "admin")
    desktop.fill("input[name=password]", "cunwu-admin-2026")
    desktop.click("button[type=submit]")
    desktop.wait_for_url(f"{live_server.url}/admin/")
    desktop.goto(f"{live_server.url}/admin/pages/{home.pk}/edit/")
    desktop.wait_for_selector("[data-streamfield-stream-container], [data-streamfield-list-container]")

    chooser = desktop.locator(".image-chooser [data-chooser-action-choose]").filter(visible=True).first
    with desktop.expect_response(lambda response: "/admin/images/chooser/" in response.url and response.ok):
        chooser.click()
    desktop.locator(".modal-body").filter(visible=True).first.wait_for()
    desktop.wait_for_timeout(500)
    desktop.screenshot(path=str(SCREENSHOTS / "csp-admin-image-chooser.png"))
    desktop.keyboard.press("Escape")

    desktop.locator("footer [aria-label='更多操作'], footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']").first.click()
    with desktop.expect_navigation():
        desktop.locator("button[name='action-publish']").click()
    desktop.wait_for_selector(".messages .success")
    desktop.screenshot(path=str(SCREENSHOTS / "csp-admin-published.png"))
    # A logged-in editor reads the public site with Wagtail's user bar, under the public policy.
    desktop.goto(f"{live_server.url}/")
    desktop.locator("wagtail-userbar").wait_for(state="attached")
    desktop.locator("wagtail-userbar button").first.click()
    desktop.wait_for_timeout(500)
    desktop.screenshot(path=str(SCREENSHOTS / "csp-userbar.png"))
    found = violations(desktop, console)
    assert not found, "\n".join(found)
