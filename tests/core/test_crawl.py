"""A visitor who only follows links from a town's home page reaches every public page type, and nothing fails."""

import pytest
from django.core.management import call_command

from cunwu.plugins.registry import public_page_types
from cunwu.plugins.testing import crawl_town
from cunwu.towns.models import Town

# Page types of the core every town has: home, sections, notices, the village list and each village.
CORE_PAGE_TYPES = {
    "cunwu_pages.homepage",
    "cunwu_pages.sectionpage",
    "cunwu_pages.articlepage",
    "cunwu_pages.villageindexpage",
    "cunwu_pages.villagepage",
}


PLUGINS_WITH_PUBLIC_PAGES = {"appeals", "disclosure", "livestream"}


@pytest.mark.sqlite
@pytest.mark.parametrize("host, other_host", [("localhost", "liuhe.localhost"), ("liuhe.localhost", "localhost")])
def test_every_public_page_type_is_reached_by_links_from_home(client, db, host, other_host):
    call_command("load_demo", verbosity=0)
    town = Town.objects.get(site__hostname=host)
    other_villages = set(Town.objects.get(site__hostname=other_host).villages.values_list("name", flat=True))
    leaks = {}

    def look(url, html):
        leaked = {name for name in other_villages if name in html}
        if leaked:
            leaks[url] = leaked

    reached = crawl_town(client, host, on_page=look)

    failed = {url: status for url, (status, _type) in reached.items() if status >= 400}
    assert not failed, f"links on {town.name} lead to errors: {failed}"
    redirected = {url: status for url, (status, _type) in reached.items() if 300 <= status < 400}
    assert len(redirected) <= len(reached) // 10, f"too many links redirect: {redirected}"

    types = {page_type for _status, page_type in reached.values() if page_type}
    expected = CORE_PAGE_TYPES | set(public_page_types(town))
    assert expected - types == set(), f"{town.name}: not reachable by links from the home page: {expected - types}"
    # Each enabled plugin with a public face declares its pages, so the crawl above checked each of them
    # (sms has none: villagers only receive its messages).
    assert town.enabled_plugin_labels & PLUGINS_WITH_PUBLIC_PAGES <= set(public_page_types(town).values())
    assert "sms" in town.enabled_plugin_labels and "sms" not in set(public_page_types(town).values())
    # A town's pages never name another town's villages.
    assert not leaks, f"{town.name}'s pages name the other town's villages: {leaks}"
