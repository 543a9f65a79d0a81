"""Fixtures shared by the core's and the plugins' tests: towns, users, real Redis, a real Celery worker, a browser."""

import json
import os

import pytest
from django.db import connection

from cunwu.plugins.testing import enable_plugin, other_town, town  # noqa: F401  (shared fixtures)
from cunwu.plugins.testing import ensure_wagtail_roots
from cunwu.plugins.testing import make_town as make_town_now
from tests.support.fake_sms import FakeSmsProvider
from tests.support.services import in_ci, require_redis
from tests.support.worker import CeleryWorker

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls the tests make
# beside it are still synchronous, so Django's async-safety guard is switched off for the test process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]


@pytest.fixture
def make_town(db):
    ensure_wagtail_roots()

    def make(name="西湖镇", hostname="localhost", villages=("北沟村", "向阳村", "中沟村"), theme="default", **kwargs):
        return make_town_now(name, hostname, villages, theme=theme, **kwargs)

    return make


@pytest.fixture
def make_user(db):
    from django.contrib.auth import get_user_model

    def make(username, town=None, role=None, village=None, password="pw-for-tests", **extra):
        user = get_user_model().objects.create_user(username=username, password=password, **extra)
        if town is not None and role is not None:
            user.groups.add(town.group_for(role))
        if village is not None:
            village.staff.add(user)
        return user

    return make


@pytest.fixture
def fake_sms():
    """The Aliyun-like SMS provider over real HTTP (tests/support/fake_sms.py): it never drops repeats."""
    provider = FakeSmsProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def sms_provider(settings, fake_sms, monkeypatch):
    """Point this process (and any worker started afterwards) at the fake provider."""
    config = {"CLASS": "sms.backends.HttpBackend", "OPTIONS": {"url": fake_sms.url}}
    monkeypatch.setenv("CUNWU_SMS_BACKEND", json.dumps(config))
    settings.CUNWU_SMS_BACKEND = config
    return fake_sms


@pytest.fixture
def sms_http(sms_provider, monkeypatch):
    """The fake provider, with leases short enough that the tests see one run out."""
    monkeypatch.setenv("CUNWU_SMS_LEASE_SECONDS", "2")
    return sms_provider


@pytest.fixture(scope="session", autouse=True)
def redis_starts_empty():
    """Each pytest process starts on an empty Redis db of its own: a run that was killed leaves cached town-of-host
    lookups (keyed by a generation number that starts again at 1) and counters pointing at another database's
    rows, which would answer for this run's towns."""
    from django.conf import settings

    from tests.support.services import redis_available

    if redis_available(settings.REDIS_URL):
        import redis

        redis.Redis.from_url(settings.REDIS_URL).flushdb()


@pytest.fixture
def redis_url(settings):
    require_redis()
    import redis

    redis.Redis.from_url(settings.REDIS_URL).flushdb()
    return settings.REDIS_URL


@pytest.fixture
def celery_worker(transactional_db, redis_url):
    """A real worker process on the test database; tasks sent by the test reach it through Redis."""
    worker = CeleryWorker(connection.settings_dict["NAME"]).start()
    yield worker
    worker.stop()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api") if not in_ci() else __import__("playwright.sync_api").sync_api
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(executable):
        message = f"Chromium is needed at {executable} (apt-get install chromium)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A 360 px wide phone screen."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sms_at_any_hour(enable_plugin):
    """Switches the sms plugin on for a town with its quiet hours off: reminders are held between 21:00 and
    08:00 town time, and a test that waits for one must not depend on the hour CI happens to run at."""
    from cunwu.plugins.switch import plugin_settings, save_plugin_settings

    def switch_on(town):
        enable_plugin(town, "sms")
        save_plugin_settings(town, "sms", {**plugin_settings(town, "sms"), "quiet_from": 0, "quiet_until": 0})
        return town

    return switch_on
