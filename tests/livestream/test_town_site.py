"""Broadcasts in the town's own pages: the 直播 section's schedule reached from the home page, the village hub,
search documents, and the demo of each town. Public pages, so they run on SQLite too."""

import json
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]

HOST = "qingshan.localhost"


def links(html):
    """(href, text) of every link, text without tags and spaces collapsed."""
    found = re.findall(r'<a\b[^>]*href="([^"]+)"[^>]*>(.*?)</a>', html, re.S)
    return [(href, " ".join(re.sub(r"<[^>]+>", "", text).split())) for href, text in found]


def link(html, text):
    """The first link reading exactly `text`, else the first containing it."""
    found = links(html)
    hrefs = [href for href, label in found if label == text] or [href for href, label in found if text in label]
    assert hrefs, f"no link “{text}” among {links(html)}"
    return hrefs[0]


def page_type(html):
    return re.search(r'<body[^>]*data-page-type="([^"]*)"', html).group(1)


def get(client, url, host=HOST):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def new_town(restore_locale):
    from cunwu.plugins.testing import ensure_wagtail_roots
    from cunwu.towns.models import Town

    ensure_wagtail_roots()
    call_command("create_town", "--name", "青山镇", "--hostname", HOST, "--village", "东山村", "--village", "西山村")
    return Town.objects.get(site__hostname=HOST)


def add_broadcasts(town, under, **extra):
    """A schedule page under `under` with one broadcast live, one coming up and one replay, of the first village."""
    from django.utils import timezone

    from livestream.models import BroadcastIndexPage, BroadcastPage

    schedule = under.add_child(instance=BroadcastIndexPage(title="直播日程", slug="richeng"))
    schedule.save_revision().publish()
    now = timezone.now()
    village = town.villages.order_by("pk").first()
    made = {}
    for title, start, fields in [
        ("东山村监督日直播", now - timedelta(minutes=5), {"source_url": "/static/livestream/demo/stream.m3u8"}),
        ("下周的阳光报告会", now + timedelta(days=7), {}),
        ("上月的村民大会", now - timedelta(days=30), {"ended_at": now - timedelta(days=30, hours=-2),
                                               "replay_url": "/static/livestream/demo/stream.m3u8"}),
        ("去年的会（没有回放）", now - timedelta(days=300), {"ended_at": now - timedelta(days=300, hours=-2)}),
    ]:
        page = BroadcastPage(title=title, starts_at=start, ends_at=start + timedelta(hours=2), **{**fields, **extra})
        schedule.add_child(instance=page)
        page.villages.set([village])
        page.save_revision().publish()
        made[title] = page
    return schedule, made


def test_a_new_town_reaches_its_schedule_and_broadcasts_by_links_from_its_home_page(client, new_town):
    from cunwu.plugins.testing import crawl_town

    home = get(client, "/")
    section_url = link(home, "直播")
    section = get(client, section_url)
    assert page_type(section) == "cunwu_pages.sectionpage"
    assert "直播日程" in section and "暂无直播安排" in section  # the block is there before any broadcast

    from wagtail.models import Page

    schedule, made = add_broadcasts(new_town, Page.objects.get(url_path__endswith="/zhibo/", path__startswith=new_town.root_page.path))
    section = get(client, section_url)
    for title in ("东山村监督日直播", "下周的阳光报告会", "上月的村民大会"):
        assert page_type(get(client, link(section, title))) == "livestream.broadcastpage"
    assert "去年的会（没有回放）" not in section  # recent replays only, not every past meeting
    whole = get(client, link(section, "完整日程和全部回放"))
    assert page_type(whole) == "livestream.broadcastindexpage" and "去年的会（没有回放）" in whole

    reached = crawl_town(client, HOST)
    assert all(status == 200 for status, _type in reached.values()), {u: s for u, (s, _t) in reached.items() if s != 200}
    types = {kind for _status, kind in reached.values()}
    assert {"livestream.broadcastindexpage", "livestream.broadcastpage"} <= types


def put_schedule_blocks(page, count):
    page.body = json.dumps([{"type": "livestream_schedule", "value": {"heading": f"日程{n}", "count": 3}} for n in range(count)])
    page.save_revision().publish()


def queries_for(client, url):
    client.get(url, HTTP_HOST="localhost")  # the core caches the town of a host name; count the steady state
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_schedule_blocks_take_the_same_queries_whatever_the_number_of_blocks_or_broadcasts(client, live_town, make_broadcast):
    home = live_town.root_page.specific
    make_broadcast("正在开的监督日", starts_in=timedelta(minutes=-30))
    make_broadcast("下周的阳光报告会", starts_in=timedelta(days=7))
    make_broadcast("上月的会", starts_in=timedelta(days=-30), replay_url="https://live.example.cn/r.mp4")
    put_schedule_blocks(home, 1)
    html, one = queries_for(client, "/")
    assert "正在开的监督日" in html and "下周的阳光报告会" in html and "上月的会" in html
    for n in range(6):
        make_broadcast(f"以后的会{n}", starts_in=timedelta(days=10 + n))
        make_broadcast(f"以前的会{n}", starts_in=timedelta(days=-40 - n), replay_url="https://live.example.cn/r.mp4")
    put_schedule_blocks(home, 3)
    html, three = queries_for(client, "/")
    assert html.count("下周的阳光报告会") == 3
    assert "以后的会2" not in html and "以前的会2" not in html  # each block lists its count (3) per group
    assert three == one


def test_a_village_page_lists_that_villages_broadcasts(client, live_town, make_broadcast):
    beigou, xiangyang = live_town.villages.get(name="北沟村"), live_town.villages.get(name="向阳村")
    ours = make_broadcast("北沟村阳光报告会", starts_in=timedelta(days=2))
    ours.villages.set([beigou])
    ours.save()  # a parental many-to-many is written when the page is saved
    replay = make_broadcast("北沟村上月大会", starts_in=timedelta(days=-20), replay_url="https://live.example.cn/r.mp4")
    replay.villages.set([beigou])
    replay.save()
    theirs = make_broadcast("向阳村监督日", starts_in=timedelta(days=3))
    theirs.villages.set([xiangyang])
    theirs.save()

    response = client.get("/villages/beigoucun/", HTTP_HOST="localhost", follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "北沟村的直播" in html
    assert page_type(get(client, link(html, "北沟村阳光报告会"), "localhost")) == "livestream.broadcastpage"
    assert "北沟村上月大会" in html and "回放" in html
    assert "向阳村监督日" not in html

    # a village that never had a broadcast shows no empty panel
    zhonggou = client.get("/villages/zhonggoucun/", HTTP_HOST="localhost", follow=True).content.decode()
    assert "中沟村的直播" not in zhonggou


def test_search_documents_are_the_published_broadcasts_and_follow_publish_and_end(
    client, live_town, make_broadcast, make_user, monkeypatch, django_capture_on_commit_callbacks
):
    from cunwu.plugins import api
    from livestream.ending import end_now
    from livestream.search import documents

    reindexed = []
    monkeypatch.setattr(api, "reindex_search", lambda town, label: reindexed.append((town.pk, label)))
    with django_capture_on_commit_callbacks(execute=True):
        page = make_broadcast(
            "低保政策宣讲会", starts_in=timedelta(minutes=-5), kind="policy",
            agenda="<p>讲解<b>低保</b>申请条件</p>", minutes="<p>到会 30 人</p>",
        )
    assert reindexed == [(live_town.pk, "livestream")]
    page.questions.create(town=live_town, name="王大明", body="我家能申请吗？", status="approved")

    (doc,) = documents(live_town)
    assert doc.title == "低保政策宣讲会" and doc.url.startswith("/")
    assert "<h1 class=\"page-title\">低保政策宣讲会</h1>" in get(client, doc.url, "localhost")
    assert "政策宣讲" in doc.text and "讲解低保申请条件" in doc.text and "到会 30 人" in doc.text
    assert "<b>" not in doc.text and "王大明" not in doc.text
    assert doc.kind == "直播"

    # Ending with a draft pending records the end without publishing: it still reindexes.
    page.title = "草稿标题"
    page.save_revision()
    editor = make_user("bianji", live_town, api.Role.TOWN_EDITOR, is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        end_now(page, editor)
    assert len(reindexed) == 2
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().as_object().unpublish()
    assert len(reindexed) == 3 and list(documents(live_town)) == []


def test_each_demo_town_has_its_own_broadcasts_that_play_the_shipped_stream_and_a_rerun_adds_nothing(client, town, other_town, enable_plugin):
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.utils import timezone

    from livestream.demo import load_demo
    from livestream.models import BroadcastPage

    for place in (town, other_town):
        enable_plugin(place, "livestream")
        load_demo(place, list(place.villages.order_by("pk")))
        load_demo(place, list(place.villages.order_by("pk")))
    ours = BroadcastPage.objects.filter(path__startswith=town.root_page.path)
    theirs = BroadcastPage.objects.filter(path__startswith=other_town.root_page.path)
    assert sorted(page.state_at() for page in ours) == ["live", "replay", "upcoming"]
    assert sorted(page.state_at() for page in theirs) == ["live", "replay", "upcoming"]
    assert all("柳河" not in page.title for page in ours) and any("柳河" in page.title for page in theirs)

    live = ours.get(kind="supervision")
    section = get(client, link(get(client, "/", "localhost"), "直播"), "localhost")
    html = get(client, link(section, live.title), "localhost")
    stream = f"{settings.STATIC_URL}livestream/demo/stream.m3u8"
    assert f'data-hls="{stream}"' in html and "hls.min.js" not in html.split("data-hls-script")[0]
    assert "监督日开始" in html and "王*明" in html
    # every file the playlists name is shipped with the plugin, so the demo needs no outside host
    for name in ("stream.m3u8", "stream-180p.m3u8", "init.mp4", "seg0.m4s", "seg1.m4s", "seg2.m4s", "loudspeaker.ogg"):
        assert finders.find(f"livestream/demo/{name}"), name
    replay = get(client, link(section, ours.get(kind="sunshine").title), "localhost")
    assert f'data-hls="{stream}"' in replay and "到会村民代表 46 人" in replay

    # Run again two days later: the live one is live again, nothing is added.
    later = timezone.now() + timedelta(days=2)
    monkeypatch_now = pytest.MonkeyPatch()
    monkeypatch_now.setattr(timezone, "now", lambda: later)
    try:
        load_demo(town, list(town.villages.order_by("pk")))
        assert ours.count() == 3
        assert sorted(page.state_at(later) for page in ours.all()) == ["live", "replay", "upcoming"]
    finally:
        monkeypatch_now.undo()
