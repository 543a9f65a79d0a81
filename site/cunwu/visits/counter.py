"""Visit counting without a database write per request.

With Redis, each visit is one HINCRBY; the flush task moves the counts to the database in one
transaction. Without Redis (the embedded `make run`), visits are buffered in the process and
written every few seconds, which loses at most that buffer if the process dies. While a configured
Redis is unreachable, visits take that same in-process path (see cunwu.redis_outage).

The flush is exact under concurrent runs and crashes: it atomically renames the pending hash to a
batch of its own (a Lua script: rename + remember the batch id), adds the batch to the counts in a
transaction that also records the batch id (AppliedBatch, unique), and only then deletes the batch.
Two flushes take distinct batches; a batch left by a flush that died is applied by the next flush,
or skipped there if its transaction had already committed.
"""

import logging
import threading
import time
import uuid
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from cunwu.redis_outage import Outage, redis_errors

log = logging.getLogger(__name__)

REDIS_KEY = "cunwu:visits"
BATCHES = f"{REDIS_KEY}:batches"
LEGACY_STAGING = f"{REDIS_KEY}:flushing"  # the single staging key of flushes before batches
TOTAL = "total"
# Batch ids are kept this long: far longer than a batch can wait in Redis between its apply and its delete.
BATCH_MEMORY = timedelta(days=7)

TAKE_BATCH = """
if redis.call('exists', KEYS[1]) == 0 then return 0 end
redis.call('rename', KEYS[1], KEYS[2])
redis.call('sadd', KEYS[3], ARGV[1])
return 1
"""


def _field(town_id, page_id):
    return f"{town_id}:{page_id if page_id else TOTAL}"


def _batch_key(batch_id):
    return f"{REDIS_KEY}:batch:{batch_id}"


_pools = {}
outage = Outage("visit counter")


def _redis():
    """A client on a connection pool per Redis URL: connections are reused, no counts live in the process."""
    import redis

    pool = _pools.get(settings.REDIS_URL)
    if pool is None:
        pool = _pools[settings.REDIS_URL] = redis.ConnectionPool.from_url(
            settings.REDIS_URL, socket_connect_timeout=0.5, socket_timeout=2.0,
        )
    return redis.Redis(connection_pool=pool)


def apply_counts(counts, batch_id=None):
    """Add {(town_id, page_id or None): n} to the database; with a batch id, only if that batch was not applied yet.

    Returns whether the counts were added."""
    from wagtail.models import Page

    from cunwu.towns.models import Town

    from .models import AppliedBatch, VisitCount

    # Pages or towns deleted since their visits were counted are dropped, not allowed to fail the whole flush.
    pages = set(Page.objects.filter(pk__in={page for _town, page in counts if page}).values_list("pk", flat=True))
    towns = set(Town.objects.filter(pk__in={town for town, _page in counts}).values_list("pk", flat=True))
    counts = {key: n for key, n in counts.items() if key[0] in towns and (key[1] is None or key[1] in pages)}
    with transaction.atomic():
        if batch_id is not None:
            try:
                with transaction.atomic():
                    AppliedBatch.objects.create(id=batch_id)
            except IntegrityError:  # applied by an earlier or a concurrent flush (which this insert waited for)
                return False
        for (town_id, page_id), n in sorted(counts.items(), key=lambda item: (item[0][0], item[0][1] or 0)):
            updated = VisitCount.objects.filter(town_id=town_id, page_id=page_id).update(count=F("count") + n)
            if not updated:
                VisitCount.objects.create(town_id=town_id, page_id=page_id, count=n)
    return True


def _parse(raw):
    counts = {}
    for field, value in raw.items():
        town_id, page = field.decode().split(":")
        counts[(int(town_id), None if page == TOTAL else int(page))] = int(value)
    return counts


def _town_totals(counts):
    return sum(n for (_town, page), n in counts.items() if page is None)


class RedisCounter:
    """Counts in Redis; while Redis is unreachable, in this process's buffer (written to the database from there)."""

    def record(self, town_id, page_id):
        if not outage.down():
            try:
                pipe = _redis().pipeline(transaction=False)
                pipe.hincrby(REDIS_KEY, _field(town_id, page_id), 1)
                pipe.hincrby(REDIS_KEY, _field(town_id, None), 1)
                pipe.execute()
            except redis_errors() as exc:
                outage.failed(exc)
            else:
                outage.succeeded()
                return
        _buffered.record(town_id, page_id)

    def _from_redis(self, read, default):
        if outage.down():
            return default
        try:
            return read(_redis())
        except redis_errors() as exc:
            outage.failed(exc)
            return default

    def pending(self, town_id, page_id=None):
        in_redis = self._from_redis(lambda client: int(client.hget(REDIS_KEY, _field(town_id, page_id)) or 0), 0)
        return in_redis + _buffered.pending(town_id, page_id)

    def pending_many(self, town_id, page_ids):
        if not page_ids:
            return {}
        fields = [_field(town_id, page_id) for page_id in page_ids]
        values = self._from_redis(lambda client: client.hmget(REDIS_KEY, fields), [None] * len(fields))
        buffered = _buffered.pending_many(town_id, page_ids)
        return {page_id: int(value or 0) + buffered[page_id] for page_id, value in zip(page_ids, values)}

    def flush(self):
        """Move what Redis holds to the database; returns the town visits added. Safe to run concurrently."""
        from .models import AppliedBatch

        client = _redis()
        take = client.register_script(TAKE_BATCH)
        for source in (LEGACY_STAGING, REDIS_KEY):
            batch_id = uuid.uuid4().hex
            take(keys=[source, _batch_key(batch_id), BATCHES], args=[batch_id])
        added = 0
        for batch_id in sorted(member.decode() for member in client.smembers(BATCHES)):
            added += self._apply_batch(client, batch_id)
        AppliedBatch.objects.filter(applied_at__lt=timezone.now() - BATCH_MEMORY).delete()
        return added + _buffered.flush()

    def _apply_batch(self, client, batch_id):
        counts = _parse(client.hgetall(_batch_key(batch_id)))
        applied = bool(counts) and apply_counts(counts, batch_id)
        client.delete(_batch_key(batch_id))
        client.srem(BATCHES, batch_id)
        return _town_totals(counts) if applied else 0


class BufferedCounter:
    """Counts in this process, written to the database every CUNWU_VISITS_BUFFER_SECONDS by the request that finds it due."""

    def __init__(self):
        self._lock = threading.Lock()
        self._buffer = Counter()
        self._last = time.monotonic()

    def record(self, town_id, page_id):
        with self._lock:
            self._buffer[(town_id, page_id)] += 1
            self._buffer[(town_id, None)] += 1
            due = time.monotonic() - self._last >= settings.CUNWU_VISITS_BUFFER_SECONDS
        if due:
            try:
                self.flush()
            except DatabaseError:  # the page is served all the same; the counts wait for the next write
                log.warning("visit counts kept in memory: the database did not take them", exc_info=True)

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
            try:
                apply_counts(counts)
            except DatabaseError:
                with self._lock:
                    self._buffer.update(counts)
                raise
        return _town_totals(counts)


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
