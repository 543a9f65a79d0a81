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


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return {town.site.hostname: town for town in Town.objects.select_related("site")}


@pytest.mark.sqlite
@pytest.mark.parametrize("host", ["localhost", "liuhe.localhost"])
def test_every_public_page_type_is_reached_by_links_from_home(client, demo, host):
    town = demo[host]
    reached = crawl_town(client, host)

    failed = {url: status for url, (status, _type) in reached.items() if status >= 400}
    assert not failed, f"links on {town.name} lead to errors: {failed}"
    redirected = {url: status for url, (status, _type) in reached.items() if 300 <= status < 400}
    assert len(redirected) <= len(reached) // 10, f"too many links redirect: {redirected}"

    types = {page_type for _status, page_type in reached.values() if page_type}
    expected = CORE_PAGE_TYPES | set(public_page_types(town))
    assert expected - types == set(), f"{town.name}: not reachable by links from the home page: {expected - types}"
    # Every enabled plugin declares public pages, and the crawl meets each plugin's.
    for label in town.enabled_plugin_labels:
        assert label in set(public_page_types(town).values()), f"{label} declares no public page types"


@pytest.mark.sqlite
def test_town_pages_link_only_to_their_own_town(client, demo):
    """柳河镇's pages never lead to 西湖镇's villages or records."""
    xihu_villages = set(demo["localhost"].villages.values_list("name", flat=True))
    leaks = {}

    def look(url, html):
        leaked = {name for name in xihu_villages if name in html}
        if leaked:
            leaks[url] = leaked

    reached = crawl_town(client, "liuhe.localhost", on_page=look)
    assert len(reached) > 10
    assert not leaks, f"柳河镇's pages name 西湖镇's villages: {leaks}"
