"""pytest fixtures for plugin tests: towns on their own host names and the per-town switch.

In a plugin's tests/conftest.py:  from cunwu.plugins.testing import enable_plugin, other_town, town
"""

import pytest


def ensure_wagtail_roots():
    """Transactional tests flush the tables, taking Wagtail's locale, root page and root collection with them."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")


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
