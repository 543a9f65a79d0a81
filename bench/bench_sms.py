"""SMS: messages per second from the outbox through Redis and 2 worker processes to the fake provider, beside a trivial task."""

import json
import os
import time

SMS_MESSAGES = int(os.environ.get("SMS_BENCH_MESSAGES", 2000))
PROBES = int(os.environ.get("SMS_BENCH_PROBES", 2000))
TIME_LIMIT = 90  # seconds per measurement: a stuck worker must not hang `make bench`


def _town():
    from cunwu.plugins.switch import set_plugin_enabled
    from cunwu.towns.services import create_town
    from wagtail.models import Page

    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    town, _created = create_town(name="短信基准镇", hostname="sms-bench.localhost", villages=("基准村",),
                                 theme="default", slug="sms-bench")
    set_plugin_enabled(town, "sms", True)
    return town


def _until(done, started):
    """Seconds from `started` until done() (or TIME_LIMIT)."""
    while time.perf_counter() - started < TIME_LIMIT and not done():
        time.sleep(0.05)
    return time.perf_counter() - started


def _trivial_tasks(client):
    """Tasks that only increment a Redis counter: the ceiling Celery itself sets."""
    from bench.celery_probe import probe

    key = f"bench-probe-{os.getpid()}"
    client.delete(key)
    started = time.perf_counter()
    for _ in range(PROBES):
        probe.delay(key)
    elapsed = _until(lambda: int(client.get(key) or 0) >= PROBES, started)
    return int(client.get(key) or 0) / elapsed, elapsed


def _sms(town, provider):
    from django.db import transaction

    from sms.models import SmsMessage
    from sms.service import sms

    started = time.perf_counter()
    with transaction.atomic():  # enqueued on commit, like a burst of submissions
        for n in range(SMS_MESSAGES):
            sms.send(town, f"+86139{n:08d}", "bench_notice", {"n": n})
        written = time.perf_counter()  # the outbox is full; from its commit on, Celery and the provider work
    writing = written - started
    elapsed = _until(lambda: SmsMessage.objects.filter(event="bench_notice", status="sent").count() >= SMS_MESSAGES, written)
    sent = SmsMessage.objects.filter(event="bench_notice", status="sent").count()
    received = sum(m["TemplateCode"] == "bench_notice" for m in provider.messages)
    return sent, elapsed, writing, received


def run(report):
    from django.conf import settings
    from django.db import connection

    from tests.support.fake_sms import FakeSmsProvider
    from tests.support.worker import CeleryWorker

    if not str(settings.CELERY_BROKER_URL).startswith("redis"):
        report("SMS through Redis and 2 workers", "skipped", "", "set REDIS_URL to measure it")
        return
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete(settings.CELERY_TASK_DEFAULT_QUEUE)
    town = _town()
    provider = FakeSmsProvider().start()
    os.environ["CUNWU_SMS_BACKEND"] = json.dumps({"CLASS": "sms.backends.HttpBackend", "OPTIONS": {"url": provider.url}})
    worker = CeleryWorker(connection.settings_dict["NAME"], concurrency=2, extra_args=("--include", "bench.celery_probe"))
    worker.start()
    try:
        probe_rate, probe_elapsed = _trivial_tasks(client)
        sent, elapsed, writing, received = _sms(town, provider)
    finally:
        worker.stop()
        provider.stop()
        os.environ.pop("CUNWU_SMS_BACKEND", None)
    sms_rate = sent / elapsed
    report("trivial Celery task/s (Redis → 2 worker processes)", probe_rate, "/s", f"{PROBES:,} in {probe_elapsed:.1f} s")
    note = (f"{sent:,} of {SMS_MESSAGES:,} sent {elapsed:.1f} s after the outbox was written "
            f"(writing it took {writing:.1f} s, {SMS_MESSAGES / writing:,.0f}/s), "
            f"{received:,} received by the provider")
    if sent < SMS_MESSAGES:
        note += f"; STOPPED after {TIME_LIMIT} s"
    report("SMS/s: outbox → Redis → 2 worker processes → HTTP provider", sms_rate, "/s", note)
    report("SMS rate / trivial task rate", sms_rate / probe_rate, "", "≥ 1 only when one task carries many messages")
    report("messages received twice by the provider", received - len({m["OutId"] for m in provider.messages}), "")
