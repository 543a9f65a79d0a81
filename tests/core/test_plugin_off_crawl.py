"""A town that switches a plugin off keeps no dead end: its sections answer 404 and no public page links to them.

Switching the plugin on again brings the menu entry and the pages back, with everything the editors did."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Page

from cunwu.pages.models import SectionPage
from cunwu.plugins.switch import set_plugin_enabled
from cunwu.plugins.testing import crawl_town, parse_page
from cunwu.towns.models import Town

HOST = "localhost"
OFF = {"livestream": "live", "appeals": "service"}  # plugin: the key of the section it fills


def switch(town, labels, enabled):
    for label in labels:
        set_plugin_enabled(town, label, enabled)
    town.__dict__.pop("enabled_plugin_labels", None)


def menu(client):
    html = client.get("/", HTTP_HOST=HOST).content.decode()
    return html[html.index('class="site-nav"'):html.index("</nav>")]


def plugin_paths(town, labels):
    """The paths of the sections those plugins fill and of every page under them, of the plugins' own page types,
    and the plugins' own addresses (/p/<label>/)."""
    sections = SectionPage.objects.child_of(town.root_page).filter(section_key__in=[OFF[label] for label in labels])
    paths = {urlsplit(section.url).path for section in sections}
    for section in sections:
        paths |= {urlsplit(page.url).path for page in Page.objects.descendant_of(section).live()}
    plugin_pages = Page.objects.descendant_of(town.root_page).live().filter(content_type__app_label__in=labels)
    paths |= {urlsplit(page.url).path for page in plugin_pages}  # wherever an editor put them
    return paths, {f"/p/{label}/" for label in labels}


@pytest.mark.sqlite
def test_a_plugin_switched_off_leaves_no_link_and_its_pages_answer_404(client, db):
    call_command("load_demo", verbosity=0)
    town = Town.objects.get(site__hostname=HOST)
    assert "直播" in menu(client) and "我要办" in menu(client)
    pages, prefixes = plugin_paths(town, OFF)
    assert "/zhibo/" in pages and "/wo-yao-ban/" in pages and len(pages) > 2  # the broadcasts and the forms too

    theirs = tuple(pages | prefixes)
    found = parse_page(client.get("/search/", {"q": "直播"}, HTTP_HOST=HOST).content.decode()).links
    assert any(urlsplit(href).path.startswith(theirs) for href in found)  # while on, search offers them

    switch(town, OFF, False)
    links = {}

    def look(url, html):
        for href in parse_page(html).links:
            if urlsplit(href).path.startswith(theirs):
                links.setdefault(url, set()).add(href)

    reached = crawl_town(client, HOST, on_page=look)
    assert len(reached) > 20  # the rest of the town is still there, and was crawled
    assert not links, f"pages still link to the switched-off plugins: {links}"
    failed = {url: status for url, (status, _type) in reached.items() if status >= 400}
    assert not failed, f"links lead to errors: {failed}"
    assert "直播" not in menu(client) and "我要办" not in menu(client)
    # Nor does the town's search offer them (it still finds the rest).
    for query in ("直播", "我要办", "办理", "公开"):
        look(f"/search/?q={query}", client.get("/search/", {"q": query}, HTTP_HOST=HOST).content.decode())
    assert not links, f"search still offers the switched-off plugins' pages: {links}"
    assert 'class="search-result__title"' in client.get("/search/", {"q": "公开"}, HTTP_HOST=HOST).content.decode()
    for path in pages:
        assert client.get(path, HTTP_HOST=HOST).status_code == 404, path

    switch(town, OFF, True)
    assert "直播" in menu(client) and "我要办" in menu(client)
    for path in pages:
        assert client.get(path, HTTP_HOST=HOST).status_code == 200, path
    # The other town never noticed.
    assert client.get("/zhibo/", HTTP_HOST="liuhe.localhost").status_code == 200
