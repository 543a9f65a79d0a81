"""Visits are counted per page and per town under concurrent requests, without a database write per request."""

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from cunwu.pages.models import SectionPage
from cunwu.visits.counter import page_visits, town_visits
from cunwu.visits.models import VisitCount

THREADS = 16
REQUESTS_EACH = 10


@pytest.mark.worker
def test_concurrent_visits_are_all_counted_and_flushed_by_the_worker(live_server, town, celery_worker, django_assert_num_queries):
    from cunwu.visits.tasks import flush_visits

    section = SectionPage.objects.descendant_of(town.root_page).get(slug="cunwu-gongkai")
    url = live_server.url + section.url

    def visit(_):
        with requests.Session() as session:
            return [session.get(url, timeout=30).status_code for _ in range(REQUESTS_EACH)]

    with ThreadPoolExecutor(THREADS) as pool:
        statuses = [status for batch in pool.map(visit, range(THREADS)) for status in batch]
    total = THREADS * REQUESTS_EACH
    assert statuses == [200] * total
    assert not VisitCount.objects.exists()  # nothing written per request
    assert town_visits(town) == total and page_visits(town, section) == total

    flush_visits.delay()
    deadline = time.monotonic() + 60
    while not VisitCount.objects.filter(town=town, page=None).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert VisitCount.objects.get(town=town, page=None).count == total
    assert VisitCount.objects.get(town=town, page=section).count == total
    assert town_visits(town) == total  # nothing left in Redis, nothing counted twice


def test_the_statistics_block_shows_the_town_visits(client, town, redis_url):
    from cunwu.visits.counter import apply_counts

    apply_counts({(town.pk, None): 191650})
    response = client.get("/", HTTP_HOST="localhost")
    shown = re.search(r"<dt>访问量</dt><dd>([\d,]+)</dd>", response.text)
    assert shown and shown.group(1).replace(",", "") == "191651"


def test_visits_of_a_deleted_page_do_not_block_the_flush(town, redis_url):
    from cunwu.pages.models import ArticlePage
    from cunwu.visits.counter import get_counter, record_visit

    section = SectionPage.objects.descendant_of(town.root_page).get(slug="cunwu-gongkai")
    doomed = ArticlePage(title="将删除")
    section.add_child(instance=doomed)
    record_visit(town, doomed)
    record_visit(town, section)
    doomed.delete()
    assert get_counter().flush() == 2
    assert VisitCount.objects.get(town=town, page=section).count == 1
    assert VisitCount.objects.get(town=town, page=None).count == 2


def test_visits_of_many_pages_in_one_go(town, redis_url, django_assert_num_queries):
    from cunwu.visits.counter import apply_counts, pages_visits, record_visit

    sections = list(SectionPage.objects.descendant_of(town.root_page))
    apply_counts({(town.pk, sections[0].pk): 5})
    record_visit(town, sections[0])
    record_visit(town, sections[1])
    with django_assert_num_queries(1):
        counts = pages_visits(town, sections)
    assert counts[sections[0].pk] == 6 and counts[sections[1].pk] == 1 and counts[sections[2].pk] == 0


def _flush_through(monkeypatch, before=None, after=None):
    """Run the flush's apply step with `before`/`after` hooks around the real one (a crash, a meeting point)."""
    from cunwu.visits import counter

    real = counter.apply_counts

    def apply(counts, batch_id=None):
        if before:
            before(batch_id)
        applied = real(counts, batch_id)
        if after:
            after(batch_id)
        return applied

    monkeypatch.setattr(counter, "apply_counts", apply)


def _visit(town, pages, times):
    from cunwu.visits.counter import record_visit

    for _ in range(times):
        for page in pages:
            record_visit(town, page)


def test_a_flush_that_died_after_its_commit_is_not_counted_again(town, redis_url, monkeypatch):
    from cunwu.visits.counter import BATCHES, get_counter

    section = SectionPage.objects.descendant_of(town.root_page).get(slug="cunwu-gongkai")
    _visit(town, [section], 7)

    def crash(_batch_id):
        raise RuntimeError("worker killed between the commit and the delete")

    _flush_through(monkeypatch, after=crash)
    with pytest.raises(RuntimeError):
        get_counter().flush()
    monkeypatch.undo()
    assert VisitCount.objects.get(town=town, page=section).count == 7  # committed before the crash
    assert get_counter().flush() == 0  # the batch it left behind is known as applied
    assert VisitCount.objects.get(town=town, page=section).count == 7
    assert VisitCount.objects.get(town=town, page=None).count == 7
    import redis

    assert not redis.Redis.from_url(redis_url).smembers(BATCHES)  # and is gone


def test_two_flushes_at_once_count_every_visit_once(transactional_db, town, redis_url, monkeypatch):
    """A batch left by a flush that died before its commit, then two flushes (two beats) that both find it and
    meet inside the apply step: one adds it, the other waits for that commit and skips it."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    import redis
    from django.db import connections

    from cunwu.visits.counter import BATCHES, get_counter

    section = SectionPage.objects.descendant_of(town.root_page).get(slug="cunwu-gongkai")
    _visit(town, [section], 5)

    def crash(_batch_id):
        raise RuntimeError("worker killed before the commit")

    _flush_through(monkeypatch, before=crash)
    with pytest.raises(RuntimeError):
        get_counter().flush()
    monkeypatch.undo()
    assert not VisitCount.objects.exists()
    [left_behind] = [member.decode() for member in redis.Redis.from_url(redis_url).smembers(BATCHES)]
    _visit(town, [section], 3)  # new visits: the next flush takes them as a batch of its own

    both_inside = threading.Barrier(2, timeout=30)

    def meet_on_the_batch_left_behind(batch_id):
        if batch_id == left_behind:
            both_inside.wait()

    _flush_through(monkeypatch, before=meet_on_the_batch_left_behind)

    def flush(_):
        try:
            return get_counter().flush()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(2) as pool:
        added = list(pool.map(flush, range(2)))
    assert sum(added) == 8
    assert VisitCount.objects.get(town=town, page=section).count == 8
    assert VisitCount.objects.get(town=town, page=None).count == 8
