"""A villager on a 360 px phone: the countdown and reminder sign-up, a live page that updates itself, the replay."""

from datetime import timedelta

import pytest

pytestmark = pytest.mark.browser


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_villager_follows_a_broadcast_on_a_phone(restore_locale, live_server, make_broadcast, live_town, phone):
    from cunwu.plugins.switch import save_plugin_settings
    from livestream.models import Subscription

    save_plugin_settings(live_town, "livestream", {"reminder_minutes": 30, "poll_seconds": 2, "embed_hosts": ""})
    stream = f"{live_server.url}/static/livestream/none.m3u8"
    upcoming = make_broadcast("冬季防火政策广播", starts_in=timedelta(days=3), source_url=stream)
    live = make_broadcast("村务监督日", starts_in=timedelta(minutes=-5), source_url=stream)
    replay = make_broadcast(
        "第三季度阳光报告会", starts_in=timedelta(days=-10), ended_at=None,
        replay_url=f"{live_server.url}/static/livestream/replay.mp4",
        minutes="<p>到会村民代表 46 人，通报收支情况。</p>", attendee_count=46,
    )
    dialogs = []
    phone.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # Upcoming: countdown, then a reminder by SMS.
    phone.goto(f"{live_server.url}{upcoming.url}")
    assert phone.get_by_text("距开始还有").is_visible()
    phone.get_by_label("手机号码").fill("138 1234 5678")
    phone.get_by_role("button", name="开播前短信提醒我").click()
    phone.get_by_text("订阅成功").wait_for()
    phone.screenshot(path="/tmp/livestream-upcoming-360.png", full_page=True)
    assert fits(phone)
    assert "13812345678" not in phone.content()
    assert Subscription.objects.get().phone == "13812345678"

    # Live: the player uses the bundled hls.js, and an editor's update appears without reloading.
    phone.goto(f"{live_server.url}{live.url}")
    assert phone.locator("video[data-hls]").is_visible()
    assert phone.evaluate("typeof window.Hls") == "function"
    phone.evaluate("window.__notReloaded = true")
    live.updates.create(town=live_town, body="村支书开始通报第三季度财务收支")
    live.updates.create(town=live_town, body='<img src=x onerror="alert(1)"><script>alert(2)</script>')
    phone.get_by_text("村支书开始通报第三季度财务收支").wait_for(timeout=15000)
    phone.get_by_text("<script>alert(2)</script>", exact=False).wait_for()
    assert phone.evaluate("window.__notReloaded") is True
    assert dialogs == []
    phone.screenshot(path="/tmp/livestream-live-360.png", full_page=True)
    assert fits(phone)

    # Replay: the recording and the minutes.
    phone.goto(f"{live_server.url}{replay.url}")
    assert phone.get_by_role("heading", name="回放").is_visible()
    assert phone.locator("video").get_attribute("src").endswith("/replay.mp4")
    assert phone.get_by_text("到会村民代表 46 人").is_visible()
    phone.screenshot(path="/tmp/livestream-replay-360.png", full_page=True)
    assert fits(phone)


def small_poster(title):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    buffer = io.BytesIO()
    PILImage.new("RGB", (1280, 720), (21, 101, 192)).save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="poster.png"), collection=root)


def test_embedded_player_and_poster_fit_a_phone(restore_locale, live_server, make_broadcast, live_town, phone):
    from cunwu.plugins.switch import save_plugin_settings

    save_plugin_settings(live_town, "livestream", {"reminder_minutes": 30, "poll_seconds": 5, "embed_hosts": "localhost"})
    poster = small_poster("阳光报告会海报")
    upcoming = make_broadcast("第四季度阳光报告会", starts_in=timedelta(days=2), poster=poster)
    embedded = make_broadcast(
        "村务监督日（外部平台直播）", starts_in=timedelta(minutes=-5), poster=poster,
        source_kind="embed", source_url=f"{live_server.url}/static/livestream/livestream.css",
    )

    phone.goto(f"{live_server.url}{upcoming.url}")
    image = phone.locator("img.broadcast__poster")
    image.wait_for()
    assert phone.evaluate("document.querySelector('img.broadcast__poster').naturalWidth") > 0  # the rendition loads
    box = image.bounding_box()
    assert 300 <= box["width"] <= 360 and abs(box["height"] - box["width"] * 9 / 16) < 3
    phone.screenshot(path="/tmp/livestream-poster-360.png", full_page=True)
    assert fits(phone)

    phone.goto(f"{live_server.url}{embedded.url}")
    frame = phone.locator(".broadcast__embed iframe")
    frame.scroll_into_view_if_needed()
    assert frame.get_attribute("src").endswith("/static/livestream/livestream.css")
    box = frame.bounding_box()
    assert 300 <= box["width"] <= 360 and abs(box["height"] - box["width"] * 9 / 16) < 3
    phone.frame_locator(".broadcast__embed iframe").locator("body").wait_for()
    assert "broadcast__badge" in phone.frame_locator(".broadcast__embed iframe").locator("body").inner_text()
    phone.screenshot(path="/tmp/livestream-embed-360.png", full_page=True)
    assert fits(phone)
