"""Visit counting without a database write per request.

With Redis, each visit is one HINCRBY; the flush task moves the counts to the database in one
transaction. Without Redis (the embedded `make run`), visits are buffered in the process and
written every few seconds, which loses at most that buffer if the process dies.
"""

import threading
import time
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import F

REDIS_KEY = "cunwu:visits"
TOTAL = "total"


def _field(town_id, page_id):
    return f"{town_id}:{page_id if page_id else TOTAL}"


_pools = {}


def _redis():
    """A client on a connection pool per Redis URL: connections are reused, no counts live in the process."""
    import redis

    pool = _pools.get(settings.REDIS_URL)
    if pool is None:
        pool = _pools[settings.REDIS_URL] = redis.ConnectionPool.from_url(settings.REDIS_URL)
    return redis.Redis(connection_pool=pool)


def apply_counts(counts):
    """Add {(town_id, page_id or None): n} to the database."""
    from wagtail.models import Page

    from cunwu.towns.models import Town

    from .models import VisitCount

    # Pages or towns deleted since their visits were counted are dropped, not allowed to fail the whole flush.
    pages = set(Page.objects.filter(pk__in={page for _town, page in counts if page}).values_list("pk", flat=True))
    towns = set(Town.objects.filter(pk__in={town for town, _page in counts}).values_list("pk", flat=True))
    counts = {key: n for key, n in counts.items() if key[0] in towns and (key[1] is None or key[1] in pages)}
    with transaction.atomic():
        for (town_id, page_id), n in sorted(counts.items(), key=lambda item: (item[0][0], item[0][1] or 0)):
            updated = VisitCount.objects.filter(town_id=town_id, page_id=page_id).update(count=F("count") + n)
            if not updated:
                VisitCount.objects.create(town_id=town_id, page_id=page_id, count=n)


class RedisCounter:
    def record(self, town_id, page_id):
        pipe = _redis().pipeline(transaction=False)
        pipe.hincrby(REDIS_KEY, _field(town_id, page_id), 1)
        pipe.hincrby(REDIS_KEY, _field(town_id, None), 1)
        pipe.execute()

    def pending(self, town_id, page_id=None):
        return int(_redis().hget(REDIS_KEY, _field(town_id, page_id)) or 0)

    def pending_many(self, town_id, page_ids):
        if not page_ids:
            return {}
        values = _redis().hmget(REDIS_KEY, [_field(town_id, page_id) for page_id in page_ids])
        return {page_id: int(value or 0) for page_id, value in zip(page_ids, values)}

    def flush(self):
        client = _redis()
        staging = f"{REDIS_KEY}:flushing"
        # A staging key left by a flush that died is applied first, so nothing is counted twice or lost.
        if not client.exists(staging):
            try:
                client.rename(REDIS_KEY, staging)
            except Exception as exc:  # noqa: BLE001 - redis says "no such key" when nothing was counted
                if "no such key" in str(exc).lower():
                    return 0
                raise
        raw = client.hgetall(staging)
        counts = {}
        for field, value in raw.items():
            town_id, page = field.decode().split(":")
            counts[(int(town_id), None if page == TOTAL else int(page))] = int(value)
        apply_counts(counts)
        client.delete(staging)
        return sum(n for (town, page), n in counts.items() if page is None)


class BufferedCounter:
    interval = 5.0

    def __init__(self):
        self._lock = threading.Lock()
        self._buffer = Counter()
        self._last = time.monotonic()

    def record(self, town_id, page_id):
        with self._lock:
            self._buffer[(town_id, page_id)] += 1
            self._buffer[(town_id, None)] += 1
            due = time.monotonic() - self._last >= self.interval
        if due:
            self.flush()

    def pending(self, town_id, page_id=None):
        with self._lock:
            return self._buffer.get((town_id, page_id), 0)

    def pending_many(self, town_id, page_ids):
        with self._lock:
            return {page_id: self._buffer.get((town_id, page_id), 0) for page_id in page_ids}

    def flush(self):
        with self._lock:
            counts, self._buffer, self._last = dict(self._buffer), Counter(), time.monotonic()
        if counts:
            apply_counts(counts)
        return sum(n for (town, page), n in counts.items() if page is None)


_buffered = BufferedCounter()


def get_counter():
    return RedisCounter() if settings.REDIS_URL else _buffered


def record_visit(town, page):
    get_counter().record(town.pk, page.pk if page else None)


def _stored(town_id, page_id):
    from .models import VisitCount

    return VisitCount.objects.filter(town_id=town_id, page_id=page_id).values_list("count", flat=True).first() or 0


def town_visits(town):
    return _stored(town.pk, None) + get_counter().pending(town.pk)


def page_visits(town, page):
    return _stored(town.pk, page.pk) + get_counter().pending(town.pk, page.pk)


def pages_visits(town, pages):
    """{page id: visits} for many pages of a town in one query and one Redis call."""
    from .models import VisitCount

    ids = [page.pk for page in pages]
    stored = dict(VisitCount.objects.filter(town=town, page_id__in=ids).values_list("page_id", "count"))
    pending = get_counter().pending_many(town.pk, ids)
    return {page_id: stored.get(page_id, 0) + pending.get(page_id, 0) for page_id in ids}
