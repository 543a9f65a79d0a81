"""Issue 16: the "one broadcast" block picks a broadcast of the edited page's town; a deleted one shows nothing."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from livestream.blocks import livestream_blocks

pytestmark = pytest.mark.django_db


@pytest.fixture
def liuhe_broadcast(other_town, enable_plugin):
    from livestream.models import BroadcastIndexPage, BroadcastPage

    enable_plugin(other_town, "livestream")
    index = BroadcastIndexPage(title="柳河直播", slug="broadcasts")
    other_town.root_page.add_child(instance=index)
    page = BroadcastPage(title="柳河镇的监督日", starts_at=timezone.now() + timedelta(days=2), source_kind="hls",
                         source_url="https://live.example.cn/liuhe.m3u8")
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def put(town, blocks):
    home = town.root_page.specific
    home.body = json.dumps(blocks)
    home.save_revision().publish()


def one(broadcast_pk, heading=""):
    return {"type": "livestream_broadcast", "value": {"heading": heading, "broadcast": broadcast_pk}}


def test_the_broadcast_picker_lists_the_editors_town_only(client, live_town, make_broadcast, liuhe_broadcast, editor):
    ours = make_broadcast("北沟村三月村民会")
    response = client.get(reverse("livestream_broadcasts:choose"), HTTP_HOST="localhost")
    html = json.loads(response.content)["html"]
    assert "北沟村三月村民会" in html and "柳河镇的监督日" not in html
    assert client.get(reverse("livestream_broadcasts:chosen", args=[liuhe_broadcast.pk]), HTTP_HOST="localhost").status_code == 404
    chosen = client.get(reverse("livestream_broadcasts:chosen", args=[ours.pk]), HTTP_HOST="localhost")
    assert chosen.status_code == 200 and "北沟村三月村民会" in json.loads(chosen.content)["result"]["title"]


def test_a_picked_broadcast_shows_with_its_state_and_a_deleted_one_shows_nothing(client, live_town, make_broadcast):
    meeting = make_broadcast("北沟村三月村民会", starts_in=timedelta(minutes=-5))
    put(live_town, [one(meeting.pk, "本月村民会")])
    text = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "本月村民会" in text and "北沟村三月村民会" in text and "正在直播" in text
    meeting_pk = meeting.pk
    meeting.delete()
    response = client.get("/", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert "北沟村三月村民会" not in response.content.decode() and "本月村民会" not in response.content.decode()
    home = live_town.root_page.specific
    home.refresh_from_db()
    assert home.body.raw_data[0]["value"]["broadcast"] == meeting_pk  # kept in the content


def test_a_broadcast_of_another_town_is_not_shown(client, live_town, liuhe_broadcast):
    put(live_town, [one(liuhe_broadcast.pk, "别的镇")])
    text = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "柳河镇的监督日" not in text and "别的镇" not in text


def test_previews_show_the_towns_broadcasts(client, live_town, make_broadcast, editor):
    make_broadcast("下周的阳光报告会", starts_in=timedelta(days=7))
    for name, block in livestream_blocks:
        response = client.get(reverse("wagtailadmin_block_preview") + f"?id={block.definition_prefix}", HTTP_HOST="localhost")
        assert response.status_code == 200 and block.meta.help_text and block.is_previewable, name
        assert "下周的阳光报告会" in response.content.decode(), name
