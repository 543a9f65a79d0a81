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
    stream = "/static/livestream/demo/stream.m3u8"  # shipped with the plugin: VP9/Opus fMP4 HLS
    upcoming = make_broadcast("冬季防火政策广播", starts_in=timedelta(days=3), source_url=stream)
    live = make_broadcast("村务监督日", starts_in=timedelta(minutes=-5), source_url=stream)
    replay = make_broadcast(
        "第三季度阳光报告会", starts_in=timedelta(days=-10), ended_at=None,
        replay_url="/static/livestream/demo/stream.m3u8",
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

    # Live: the stream really plays, and an editor's update appears without reloading.
    phone.goto(f"{live_server.url}{live.url}")
    assert phone.locator("video[data-hls]").is_visible()
    assert_plays(phone, "video")
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
    assert_plays(phone, "video")
    assert phone.get_by_text("到会村民代表 46 人").is_visible()
    phone.screenshot(path="/tmp/livestream-replay-360.png", full_page=True)
    assert fits(phone)


def assert_plays(page, selector):
    """The media element starts, its clock moves past one second, and it reports no error."""
    page.wait_for_function("s => { const m = document.querySelector(s); return m && (m.src || m.currentSrc); }", arg=selector)
    page.evaluate("s => { const m = document.querySelector(s); m.muted = true; return m.play(); }", selector)
    page.wait_for_function("s => document.querySelector(s).currentTime > 1", arg=selector, timeout=15000)
    assert page.evaluate("s => document.querySelector(s).error", selector) is None


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


NO_NATIVE_HLS = """
  const canPlay = HTMLMediaElement.prototype.canPlayType;
  HTMLMediaElement.prototype.canPlayType = function (type) { return /mpegurl/i.test(type) ? "" : canPlay.call(this, type); };
"""


def scripts_fetched(page):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    return fetched


def test_hls_js_is_fetched_only_for_hls_without_native_support(restore_locale, live_server, make_broadcast, live_town, phone):
    stream = "/static/livestream/demo/stream.m3u8"
    hls = make_broadcast("村务监督日", starts_in=timedelta(minutes=-5), source_url=stream)
    audio = make_broadcast("大喇叭广播", starts_in=timedelta(minutes=-5), source_kind="audio",
                           source_url="/static/livestream/demo/loudspeaker.ogg")
    replay = make_broadcast("往期大会", starts_in=timedelta(days=-10), replay_url="/static/livestream/replay.mp4")
    fetched = scripts_fetched(phone)

    # This Chromium plays HLS itself: the stream plays and the 624 KB script is never asked for.
    phone.goto(f"{live_server.url}{hls.url}")
    assert_plays(phone, "video")
    # An audio stream plays in <audio>, without hls.js.
    phone.goto(f"{live_server.url}{audio.url}")
    assert_plays(phone, "audio")
    phone.goto(f"{live_server.url}{replay.url}")  # a plain replay file plays through the <video> itself
    phone.wait_for_load_state("networkidle")
    assert phone.locator("video").get_attribute("src") == "/static/livestream/replay.mp4"
    assert not [url for url in fetched if "hls.min.js" in url]

    # A browser without native HLS (most desktop ones) fetches hls.js, once, and the stream plays through it.
    phone.add_init_script(NO_NATIVE_HLS)
    phone.goto(f"{live_server.url}{hls.url}")
    assert_plays(phone, "video")
    assert phone.evaluate("typeof window.Hls") == "function"
    assert len([url for url in fetched if "hls.min.js" in url]) == 1
    phone.goto(f"{live_server.url}{audio.url}")
    assert_plays(phone, "audio")
    assert len([url for url in fetched if "hls.min.js" in url]) == 1


@pytest.mark.parametrize("mode", ["default", "elder", "en"])
def test_schedule_and_broadcast_pages_fit_a_phone(restore_locale, live_server, make_broadcast, schedule, live_town, browser, mode):
    poster = small_poster("监督日海报")
    live = make_broadcast("二〇二六年第四季度村务监督日暨惠民资金发放情况现场直播", starts_in=timedelta(minutes=-5),
                          source_url="/static/livestream/demo/stream.m3u8", poster=poster)
    make_broadcast("冬季防火政策大喇叭广播", starts_in=timedelta(days=3), poster=poster)
    make_broadcast("第三季度阳光报告会", starts_in=timedelta(days=-10), replay_url="/static/livestream/demo/stream.m3u8",
                   minutes="<p>到会村民代表 46 人，通报收支情况。</p>")
    live.updates.create(town=live_town, body="很长的一条消息" + "https://example.cn/" + "a" * 80)
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="zh-CN")
    host = live_server.url.split("//", 1)[1].split(":")[0]
    if mode == "elder":
        context.add_cookies([{"name": "elder", "value": "1", "domain": host, "path": "/"}])
    if mode == "en":
        context.add_cookies([{"name": "django_language", "value": "en", "domain": host, "path": "/"}])
    phone = context.new_page()
    try:
        for page in (schedule, *schedule.get_children().specific()):
            phone.goto(f"{live_server.url}{page.url}")
            phone.wait_for_load_state("networkidle")
            phone.screenshot(path=f"/tmp/livestream-{mode}-{page.pk}-360.png", full_page=True)
            assert fits(phone), (mode, page.title, phone.evaluate("document.documentElement.scrollWidth"))
            if mode == "en":  # times read in English too, e.g. "2 Dec, 14:30"
                assert not [text for text in phone.locator("time").all_inner_texts() if "月" in text], page.title
            for media in phone.locator("video, img.broadcast__poster, audio").all():
                box = media.bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, (mode, page.title)
        if mode == "en":
            assert "Live now" in phone.content() or "Replay" in phone.content()
        if mode == "elder":
            assert phone.evaluate("document.documentElement.classList.contains('elder')")
    finally:
        context.close()
