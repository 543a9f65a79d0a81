import time

import pytest
from django.db import connection

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
    assert (second.next_attempt_at - second.created_at).total_seconds() >= 59

    sms_http.fail_next("permanent")
    third = sms.send(sms_town, "+8613812345670", "notice")
    assert deliver(third.pk) == "failed"
    assert deliver(third.pk) is None
    assert sms_http.messages == [] and len(sms_http.requests) == 3
    assert str(third) == "138****5670 · notice"
