"""The "now live / next broadcast" block and the statistics figures (the demo: test_town_site.py)."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def put_blocks(town, count):
    home = town.root_page.specific
    home.body = json.dumps([{"type": "livestream_now_next", "value": {"heading": f"直播{n}"}} for n in range(count)])
    home.save_revision().publish()


def render_home(client):
    client.get("/", HTTP_HOST="localhost")  # the core caches the town of a host name; count the steady state
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/", HTTP_HOST="localhost")
    return response, len(queries)


def test_now_next_block_shows_live_and_next_in_one_query(client, live_town, make_broadcast):
    make_broadcast("正在开的监督日", starts_in=timedelta(minutes=-30))
    make_broadcast("下周的阳光报告会", starts_in=timedelta(days=7))
    make_broadcast("下个月的会", starts_in=timedelta(days=30))
    make_broadcast("上个月的会", starts_in=timedelta(days=-30))
    put_blocks(live_town, 1)
    response, one = render_home(client)
    text = response.text
    assert "正在直播" in text and "正在开的监督日" in text
    assert "下一场" in text and "下周的阳光报告会" in text
    assert "下个月的会" not in text and "上个月的会" not in text
    put_blocks(live_town, 3)
    response, three = render_home(client)
    assert response.text.count("下周的阳光报告会") == 3
    assert three == one


def test_statistics_count_broadcasts_and_views(client, live_town, make_broadcast):
    from livestream.stats import statistics

    page = make_broadcast()
    make_broadcast("第二场")
    for _ in range(3):
        client.get(page.url, HTTP_HOST="localhost")
    figures = {figure.label: figure.value for figure in statistics(live_town)}
    assert figures == {"直播场次": 2, "直播观看次数": 3}

    # The core's counter moves buffered visits to the database; the figure is the same before and after.
    from django.core.cache import cache

    from cunwu.visits.counter import get_counter

    get_counter().flush()
    cache.delete(f"livestream:stats:{live_town.pk}")
    assert {figure.label: figure.value for figure in statistics(live_town)}["直播观看次数"] == 3
