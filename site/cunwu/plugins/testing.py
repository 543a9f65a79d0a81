"""pytest fixtures for plugin tests: towns on their own host names and the per-town switch.

In a plugin's tests/conftest.py:  from cunwu.plugins.testing import enable_plugin, other_town, town
"""

from contextlib import contextmanager
from html.parser import HTMLParser

import pytest


def ensure_wagtail_roots():
    """Transactional tests flush the tables, taking Wagtail's locale, root page and root collection with them."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="根页面", slug="root"))  # as towns migration 0002 names it
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="根目录")


def make_town(name, hostname, villages, theme="default", **kwargs):
    """A town for a test. Unlike `create_town` (every installed plugin on), no plugin is switched on unless the
    test names them (`plugins=["appeals"]`, or `plugins=None` for all): tests enable what they exercise."""
    from cunwu.towns.services import create_town

    kwargs.setdefault("plugins", ())
    ensure_wagtail_roots()
    made, _created = create_town(name=name, hostname=hostname, villages=villages, theme=theme, **kwargs)
    return made


@pytest.fixture
def town(db):
    """西湖镇, the default site on localhost, with three villages."""
    return make_town("西湖镇", "localhost", ("北沟村", "向阳村", "中沟村"), is_default=True, slug="xihu")


@pytest.fixture
def other_town(db):
    """柳河镇 on liuhe.localhost."""
    return make_town("柳河镇", "liuhe.localhost", ("柳河村",), slug="liuhe")


@pytest.fixture
def enable_plugin():
    from .switch import set_plugin_enabled

    def enable(town, label, enabled=True):
        set_plugin_enabled(town, label, enabled)
        town.__dict__.pop("enabled_plugin_labels", None)
        return town

    return enable


@contextmanager
def plugin_left_out(label):
    """Page bodies as an install without plugin `label` (CUNWU_EXCLUDE_PLUGINS=label) builds them: its block
    types are unknown to every body, its blocks belong to no plugin. Restored on leaving.

    Only the blocks go: Django cannot unload the plugin's app, so its models and pages stay.
    """
    from cunwu.pages.blocks.preserved import forget_preserved
    from cunwu.pages.fields import forget_body_blocks

    from . import registry

    every_block = registry.plugin_blocks
    kept = [entry for entry in every_block() if entry[2] != label]
    left_out = [name for name, _block, owner in every_block() if owner == label]

    def use(plugin_blocks):
        registry.plugin_blocks = plugin_blocks
        registry._block_owners.cache_clear()
        forget_body_blocks()

    use(lambda: kept)
    try:
        yield
    finally:
        use(every_block)
        forget_preserved(left_out)


class PageLinks(HTMLParser):
    """The href of every <a>, and the <body data-page-type> of one HTML page."""

    def __init__(self):
        super().__init__()
        self.links, self.page_type = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "body":
            self.page_type = attrs.get("data-page-type") or ""


def parse_page(html):
    """The links and the page type of one HTML page (`.links`, `.page_type`)."""
    parser = PageLinks()
    parser.feed(html)
    return parser


# Not followed: the admin, forms that change state, and what is not a page of the town.
CRAWL_SKIP = ("/admin/", "/django-admin/", "/cms/", "/documents/", "/media/", "/static/")


def crawl_town(client, host, start="/", limit=600, per_path_queries=3, on_page=None):
    """Follow links from `start` on `host` only, the way a visitor (or a search engine) would.

    Returns {url: (status, page_type)} for every URL reached. Query-string variants of one path are followed
    a few times only, so filters and paging are tried without walking every combination. `on_page(url, html)`
    sees the text of every HTML page reached.
    """
    from collections import Counter, deque
    from urllib.parse import urldefrag, urljoin, urlsplit

    seen, queue, results, variants = {start}, deque([start]), {}, Counter()
    while queue and len(results) < limit:
        url = queue.popleft()
        response = client.get(url, HTTP_HOST=host)
        content_type = response.get("Content-Type", "")
        page_type = None
        if response.status_code == 200 and content_type.startswith("text/html"):
            parser, html = PageLinks(), response.content.decode("utf-8", "replace")
            parser.feed(html)
            if on_page is not None:
                on_page(url, html)
            page_type = parser.page_type
            for href in parser.links:
                target = urldefrag(urljoin(url, href))[0]
                parts = urlsplit(target)
                if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc.split(":")[0] != host):
                    continue
                local = parts.path + (f"?{parts.query}" if parts.query else "")
                if local in seen or parts.path.startswith(CRAWL_SKIP):
                    continue
                if parts.query:
                    variants[parts.path] += 1
                    if variants[parts.path] > per_path_queries:
                        continue
                seen.add(local)
                queue.append(local)
        results[url] = (response.status_code, page_type)
    return results
