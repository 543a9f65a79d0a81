"""The page chooser opens at the editor's own town, and every chooser answers quickly with the demo loaded."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cunwu.demo.loader import load_demo
from cunwu.plugins.testing import ensure_wagtail_roots

CHOOSERS = {
    "page (start)": "/admin/choose-page/",
    "page (link in rich text)": "/admin/choose-page/?allow_external_link=true&allow_email_link=true&allow_phone_link=true&allow_anchor_link=true",
    "page (article pages only)": "/admin/choose-page/?page_type=cunwu_pages.articlepage",
    "page (search)": "/admin/choose-page/search/?q=%E5%85%AC%E5%BC%80",
    "image": "/admin/images/chooser/",
    "document": "/admin/documents/chooser/",
}


def village_chooser_url():
    from django.urls import reverse

    from cunwu.towns.models import Village

    return reverse(f"{Village.snippet_viewset.get_chooser_admin_url_namespace()}:choose")


@pytest.fixture
def demo(db):
    ensure_wagtail_roots()
    with translation.override("zh-hans"):
        return load_demo()


def chooser_html(client, url):
    # What the chooser modal asks: Wagtail's modal workflow sends X-Requested-With and reads JSON.
    response = client.get(url, HTTP_ACCEPT="application/json", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200, (url, response.status_code)
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def test_page_chooser_opens_at_the_editors_town(client, demo):
    xihu, liuhe = demo["xihu"], demo["liuhe"]
    client.force_login(get_user_model().objects.get(username="xihu-editor"))
    html = chooser_html(client, "/admin/choose-page/")
    # The town's own sections are listed at once: the chooser opened at 西湖镇's home page, not at "Root".
    assert "村务公开" in html and xihu.name in html
    assert liuhe.name not in html
    # The same for the link chooser of rich text and a chooser limited to a page type.
    assert "村务公开" in chooser_html(client, CHOOSERS["page (link in rich text)"])

    # A superuser still starts at the root, with every town.
    client.force_login(get_user_model().objects.get(username="admin"))
    html = chooser_html(client, "/admin/choose-page/")
    assert xihu.name in html and liuhe.name in html


def test_choosers_answer_within_a_second_with_the_demo(client, demo, capsys):
    client.force_login(get_user_model().objects.get(username="xihu-editor"))
    timings = []
    for label, url in [*CHOOSERS.items(), ("snippet (village)", village_chooser_url())]:
        chooser_html(client, url)  # the first answer also loads templates and code once per process
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            chooser_html(client, url)
        timings.append((label, time.perf_counter() - start, len(queries)))
    with capsys.disabled():
        for label, seconds, count in timings:
            print(f"\n  chooser {label}: {seconds * 1000:.0f} ms, {count} queries", end="")
        print()
    slow = [(label, round(seconds, 2)) for label, seconds, _count in timings if seconds >= 1.0]
    assert not slow
