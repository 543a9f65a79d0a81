from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def live_town(town, enable_plugin):
    enable_plugin(town, "livestream")
    return town


@pytest.fixture
def schedule(live_town):
    from livestream.models import BroadcastIndexPage

    page = BroadcastIndexPage(title="村务直播", slug="broadcasts")
    live_town.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def make_broadcast(schedule):
    from livestream.models import BroadcastPage

    def make(title="第四季度阳光报告会", starts_in=timedelta(days=1), length=timedelta(hours=2), **fields):
        starts = fields.pop("starts_at", None) or timezone.now().replace(microsecond=0) + starts_in
        fields = {"source_kind": "hls", "source_url": "https://live.example.cn/meeting.m3u8", **fields}
        page = BroadcastPage(title=title, starts_at=starts, ends_at=starts + length, **fields)
        schedule.add_child(instance=page)
        page.save_revision().publish()
        return BroadcastPage.objects.get(pk=page.pk)

    return make


@pytest.fixture
def live(make_broadcast):
    """A broadcast that started five minutes ago."""
    return make_broadcast("村务监督日", starts_in=timedelta(minutes=-5))


@pytest.fixture
def editor(live_town, make_user, client):
    from cunwu.plugins.api import Role

    user = make_user("bianji", live_town, Role.TOWN_EDITOR, is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture(autouse=True)
def fresh_rate_limits(settings):
    from django.core.cache import cache

    try:
        cache.clear()
    except Exception:  # noqa: BLE001 - no Redis: the cache is not shared anyway
        pass


@pytest.fixture
def restore_locale(transactional_db):
    """Transactional tests flush Wagtail's default locale; pages need it back."""
    from django.conf import settings
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
