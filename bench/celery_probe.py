"""A trivial Celery task for bench_sms: its rate is what Celery and Redis alone allow on this machine."""

from celery import shared_task
from django.conf import settings


@shared_task(name="bench.probe")
def probe(key):
    import redis

    redis.Redis.from_url(settings.CELERY_BROKER_URL).incr(key)
