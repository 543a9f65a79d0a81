import time

import pytest
from django.db import connection

from appeals.models import SmsMessage
from appeals.sms.delivery import deliver
from appeals.tasks import sms_sweep
from cunwu.plugins.api import get_service
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
def test_submission_reaches_the_provider_through_the_outbox_and_a_real_worker(sms_worker, sms_http, new_case, appeals_town):
    case = new_case()
    received = sms_http.wait_for(1)[0]
    assert received["PhoneNumbers"] == "13812345678" and received["TemplateCode"] == "appeal_submitted"
    assert received["params"] == {"number": case.number}
    message = wait_for_status(SmsMessage.objects.get(), "sent")
    assert received["OutId"] == str(message.pk) and message.provider_id == received["BizId"]
    assert get_service("sms", appeals_town) is not None


@pytest.mark.worker
def test_worker_killed_mid_send_delivers_exactly_once_after_restart(sms_worker, sms_http, appeals_town):
    sms_http.hold()
    message = get_service("sms", appeals_town).send(appeals_town, "+8613912345678", "notice", {"x": "1"})
    sms_http.wait_for(1, attr="requests")
    sms_worker.kill()  # SIGKILL while the provider has the message but has not answered
    sms_http.release()
    assert SmsMessage.objects.get().status == "sending"
    restarted = CeleryWorker(connection.settings_dict["NAME"]).start()
    try:
        time.sleep(2.5)  # the 2 s lease of the dead worker runs out
        sms_sweep.delay()
        wait_for_status(message, "sent")
    finally:
        restarted.stop()
    assert len(sms_http.requests) == 2 and len(sms_http.messages) == 1


@pytest.mark.django_db
def test_transient_errors_retry_rate_limits_wait_and_permanent_errors_fail_at_once(sms_http, appeals_town):
    sms = get_service("sms", appeals_town)
    sms_http.fail_next("transient")
    first = sms.send(appeals_town, "+8613812345678", "notice")
    assert deliver(first.pk) == "pending"
    first.refresh_from_db()
    assert first.attempts == 1 and "503" in first.error and first.next_attempt_at > first.created_at
    assert deliver(first.pk) is None  # not due yet: backoff

    sms_http.fail_next("rate_limit")
    second = sms.send(appeals_town, "+8613812345679", "notice")
    assert deliver(second.pk) == "pending"
    second.refresh_from_db()
    assert (second.next_attempt_at - second.created_at).total_seconds() >= 59

    sms_http.fail_next("permanent")
    third = sms.send(appeals_town, "+8613812345670", "notice")
    assert deliver(third.pk) == "failed"
    assert deliver(third.pk) is None
    assert sms_http.messages == [] and len(sms_http.requests) == 3
    assert str(third) == "138****5670 · notice"
