"""Livestream: the live page's polling feed and the reminder sweep, in-process on PostgreSQL."""

import time
from datetime import timedelta


def _setup():
    import logging

    logging.getLogger("wagtail").setLevel(logging.WARNING)  # one INFO line per page created would bury the figures
    from django.utils import timezone
    from wagtail.models import Collection, Page

    from cunwu.plugins.switch import set_plugin_enabled
    from cunwu.towns.services import create_town
    from livestream.models import BroadcastIndexPage, BroadcastPage

    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    town, _created = create_town(name="基准镇", hostname="localhost", villages=("一村",), slug="bench-live", is_default=True)
    set_plugin_enabled(town, "livestream", True)
    town.__dict__.pop("enabled_plugin_labels", None)
    schedule = BroadcastIndexPage(title="直播", slug="bench-broadcasts")
    town.root_page.add_child(instance=schedule)
    page = BroadcastPage(title="基准直播", starts_at=timezone.now() - timedelta(minutes=5), source_url="https://a.example.cn/x.m3u8")
    schedule.add_child(instance=page)
    for n in range(60):
        page.updates.create(town=town, body=f"第{n}条图文消息：村支书通报本月收支情况。")
    for n in range(30):
        page.questions.create(town=town, body=f"第{n}个问题：道路什么时候修？", status="approved", answer="下月开工。")
    return town, page


def run(report):
    from django.test import Client
    from django.utils import timezone

    from livestream.models import BroadcastPage, Reminder, Subscription
    from livestream.reminders import sweep

    town, page = _setup()
    client = Client()
    last = page.updates.order_by("-pk").first().pk
    for label, after in (("feed, nothing new (the usual poll)", last), ("feed, all 60 updates", 0)):
        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < 3:
            response = client.get(f"/p/livestream/broadcast/{page.pk}/feed.json?after={after}", HTTP_HOST="localhost")
            assert response.status_code == 200
            count += 1
        report(label, count / (time.perf_counter() - started), "req/s", "one process, Django test client, 30 approved questions")

    soon = BroadcastPage.objects.get(pk=page.pk)
    soon.starts_at = timezone.now() + timedelta(minutes=20)
    soon.save(update_fields=["starts_at"])
    due = timezone.now() - timedelta(seconds=1)
    subscriptions = Subscription.objects.bulk_create(
        [Subscription(broadcast=soon, town=town, phone=f"139{n:08d}") for n in range(2000)]
    )
    Reminder.objects.bulk_create([Reminder(subscription=s, due_at=due) for s in subscriptions])
    started = time.perf_counter()
    handled = sweep()
    elapsed = time.perf_counter() - started
    report("reminder sweep (no SMS service: recorded only)", handled / elapsed, "rows/s", f"{handled} due reminders, batches of 200")

    # Statistics ask the core's visit counter for all broadcasts at once (api.pages_visits).
    from livestream.stats import statistics

    schedule = page.get_parent()
    for n in range(100):
        schedule.add_child(instance=BroadcastPage(title=f"往期直播{n}", starts_at=timezone.now() - timedelta(days=n + 1), source_url="https://a.example.cn/x.m3u8"))
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < 2:
        statistics(town)
        count += 1
    report("statistics (101 broadcasts)", (time.perf_counter() - started) / count * 1000, "ms/call", "one query for pages, one for stored visits, one Redis HMGET")
