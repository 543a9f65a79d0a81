"""Checks for the real services the suite needs. Under CI a missing service fails the run, never skips."""

import os

import pytest


def in_ci():
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def redis_available(url):
    import redis

    try:
        return bool(url) and redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


def require_redis():
    from django.conf import settings

    if redis_available(settings.REDIS_URL):
        return
    message = f"Redis is needed at REDIS_URL={settings.REDIS_URL!r}"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)
