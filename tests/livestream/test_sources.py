"""Stream addresses an editor may enter, through the page editor a town editor really uses."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(live_town, make_user, client):
    from cunwu.plugins.api import Role

    user = make_user("bianji", live_town, Role.TOWN_EDITOR, is_staff=True)
    user.is_superuser = True  # page permissions are the core's concern; this test is about the stream check
    user.save()
    client.force_login(user)
    return user


def post_broadcast(client, schedule, **overrides):
    data = {
        "title": "村务监督日", "slug": "jiandu-ri", "kind": "supervision",
        "starts_at": "2026-12-01 19:00", "ends_at": "2026-12-01 21:00",
        "source_kind": "hls", "source_url": "https://live.example.cn/a.m3u8",
        "related_items": "", "replay_url": "", "ended_at": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    url = reverse("wagtailadmin_pages:add", args=("livestream", "broadcastpage", schedule.pk))
    return client.post(url, data, HTTP_HOST="localhost")


def test_embed_from_a_host_not_on_the_allow_list_is_refused(client, editor, schedule, live_town):
    from cunwu.plugins.switch import save_plugin_settings
    from livestream.models import BroadcastPage

    save_plugin_settings(live_town, "livestream", {"embed_hosts": "player.bilibili.com", "reminder_minutes": 30})
    response = post_broadcast(client, schedule, source_kind="embed", source_url="https://evil.example.com/player")
    assert response.status_code == 200
    assert "evil.example.com 不在本镇允许的视频网站名单内" in response.text
    assert "player.bilibili.com" in response.text
    assert not BroadcastPage.objects.exists()

    response = post_broadcast(client, schedule, source_kind="embed", source_url="https://player.bilibili.com/player.html?bvid=BV1")
    assert response.status_code == 302
    assert BroadcastPage.objects.get().source_url.startswith("https://player.bilibili.com/")


def test_hls_address_must_be_m3u8_and_end_after_start(client, editor, schedule):
    from livestream.models import BroadcastPage

    response = post_broadcast(client, schedule, source_url="https://live.example.cn/a.mp4", ends_at="2026-12-01 18:00")
    assert "HLS 直播地址必须以 .m3u8 结尾" in response.text
    assert "结束时间必须晚于开始时间" in response.text
    assert not BroadcastPage.objects.exists()


def test_broadcast_pages_are_not_served_on_a_town_without_the_plugin(client, make_broadcast, live_town, enable_plugin):
    page = make_broadcast()
    assert client.get(page.url, HTTP_HOST="localhost").status_code == 200
    enable_plugin(live_town, "livestream", False)
    assert client.get(page.url, HTTP_HOST="localhost").status_code == 404
