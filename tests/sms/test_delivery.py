import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from cunwu.plugins.api import get_service
from sms.delivery import deliver
from sms.models import SmsMessage
from sms.tasks import sms_sweep
from tests.support.worker import CeleryWorker


def wait_for_status(message, status, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message.refresh_from_db()
        if message.status == status:
            return message
        time.sleep(0.2)
    raise AssertionError(f"message stayed {message.status}, expected {status}")


@pytest.fixture
def sms_worker(sms_http, transactional_db, redis_url):
    worker = CeleryWorker(connection.settings_dict["NAME"]).start()
    yield worker
    worker.stop()


@pytest.mark.worker
def test_a_message_reaches_the_provider_through_the_outbox_and_a_real_worker(sms_worker, sms_http, sms_town):
    from django.db import transaction

    with transaction.atomic():
        get_service("sms", sms_town).send(sms_town, "+8613812345678", "notice", {"number": "XH-1"})
    received = sms_http.wait_for(1)[0]
    assert received["PhoneNumbers"] == "13812345678" and received["TemplateCode"] == "notice"
    assert received["params"] == {"number": "XH-1"}
    message = wait_for_status(SmsMessage.objects.get(), "sent")
    assert received["OutId"] == str(message.pk) and message.provider_id == received["BizId"]


@pytest.mark.django_db
def test_transient_errors_retry_rate_limits_wait_and_permanent_errors_fail_at_once(sms_http, sms_town):
    sms = get_service("sms", sms_town)
    sms_http.fail_next("transient")
    first = sms.send(sms_town, "+8613812345678", "notice")
    assert deliver(first.pk) == "pending"
    first.refresh_from_db()
    assert first.attempts == 1 and "503" in first.error and first.next_attempt_at > first.created_at
    assert deliver(first.pk) is None  # not due yet: backoff

    sms_http.fail_next("rate_limit")
    second = sms.send(sms_town, "+8613812345679", "notice")
    assert deliver(second.pk) == "pending"
    second.refresh_from_db()
    # the provider's per-minute limit: waited out once, to the next minute (test_limits has every window)
    assert second.next_attempt_at == second.created_at.replace(second=0, microsecond=0) + timedelta(minutes=1)

    sms_http.fail_next("permanent")
    third = sms.send(sms_town, "+8613812345670", "notice")
    assert deliver(third.pk) == "failed"
    assert deliver(third.pk) is None
    assert sms_http.messages == [] and len(sms_http.requests) == 3
    assert str(third) == "138****5670 · notice"


@pytest.fixture
def exact_provider(sms_http):
    """The fake without flow control: a second copy would reach the phone, so these tests would see it."""
    sms_http.limits = {}
    return sms_http


def expire_lease(message):
    """Time passes for the row: its lease runs out (as the 2 s lease of a dead or slow worker does)."""
    SmsMessage.objects.filter(pk=message.pk).update(lease_until=timezone.now() - timedelta(seconds=1))


@pytest.mark.worker
def test_worker_killed_after_the_provider_accepted_leaves_one_message_on_the_phone(sms_worker, exact_provider, sms_town):
    exact_provider.hold()
    message = get_service("sms", sms_town).send(sms_town, "+8613912345678", "notice", {"x": "1"})
    exact_provider.wait_for(1)  # accepted and on the phone; the answer never reaches the worker
    sms_worker.kill()
    exact_provider.release()
    assert SmsMessage.objects.get().status == "sending"
    expire_lease(message)
    restarted = CeleryWorker(connection.settings_dict["NAME"]).start()
    try:
        sms_sweep.delay()
        wait_for_status(message, "sent")
    finally:
        restarted.stop()
    assert len(exact_provider.on_phone("+8613912345678")) == 1 and len(exact_provider.requests) == 1
    assert exact_provider.queries[0]["PhoneNumber"] == "13912345678" and message.attempts == 2


@pytest.fixture
def impatient_backend(sms_http, settings, monkeypatch):
    """The backend gives up after 1 s (set before the worker starts, which reads it from the environment)."""
    import json

    config = {**settings.CUNWU_SMS_BACKEND, "OPTIONS": {**settings.CUNWU_SMS_BACKEND["OPTIONS"], "timeout": 1}}
    monkeypatch.setenv("CUNWU_SMS_BACKEND", json.dumps(config))
    settings.CUNWU_SMS_BACKEND = config


@pytest.mark.worker
def test_a_timeout_after_the_provider_accepted_leaves_one_message_on_the_phone(impatient_backend, sms_worker, exact_provider, sms_town):
    exact_provider.timeout_next(delay=3)  # the backend gives up after 1 s; the provider has taken the message
    message = get_service("sms", sms_town).send(sms_town, "+8613912345678", "notice")
    exact_provider.wait_for(1)
    deadline = time.monotonic() + 30
    while not message.error and time.monotonic() < deadline:  # the worker's attempt ends in its timeout
        time.sleep(0.2)
        message.refresh_from_db()
    assert message.status == "pending" and "Timeout" in message.error and message.attempts == 1
    SmsMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())  # the backoff has passed
    sms_sweep.delay()
    wait_for_status(message, "sent")
    assert len(exact_provider.on_phone("+8613912345678")) == 1 and len(exact_provider.requests) == 1


@pytest.mark.django_db(transaction=True)
def test_a_worker_whose_lease_was_taken_over_writes_nothing(exact_provider, sms_town, redis_url):
    from sms.receipts import apply_receipt

    exact_provider.hold()
    message = get_service("sms", sms_town).send(sms_town, "+8613912345678", "notice")
    outcomes = []

    def slow_worker():
        try:
            outcomes.append(deliver(message.pk))
        finally:
            connection.close()

    slow = threading.Thread(target=slow_worker)
    slow.start()
    exact_provider.wait_for(1)  # the slow worker's message is accepted; its answer is held
    expire_lease(message)
    assert deliver(message.pk) == "sent"  # another worker takes the row over, finds it accepted, sends nothing
    assert apply_receipt(message.pk, exact_provider.messages[0]["BizId"], True)  # and the phone's receipt arrives
    exact_provider.release()
    slow.join(timeout=30)
    message.refresh_from_db()
    assert outcomes == ["delivered"] and message.status == "delivered" and message.attempts == 2
    assert len(exact_provider.on_phone("+8613912345678")) == 1
