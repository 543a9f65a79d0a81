"""Delivery receipts settle each row: pushed by the provider over HTTP (Aliyun's SmsReport) or pulled by query.
A failure tells the town's administrators once."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from cunwu.plugins.api import get_service
from cunwu.towns.models import Role
from sms.delivery import deliver
from sms.models import SmsMessage
from sms.receipts import pull_receipts

PHONE = "+8613912345678"


@pytest.fixture
def admin(sms_town, make_user):
    return make_user("admin", sms_town, Role.TOWN_ADMIN)


def notices(user):
    from cunwu.notifications.models import Notification

    return list(Notification.objects.filter(recipient=user).values_list("subject", flat=True))


def sent(town, phone=PHONE):
    message = get_service("sms", town).send(town, phone, "notice", {"x": "1"})
    assert deliver(message.pk) == "sent"
    message.refresh_from_db()
    return message


@pytest.mark.django_db(transaction=True)
def test_receipts_pushed_by_the_provider_mark_rows_delivered_or_failed(sms_http, sms_town, admin, live_server):
    sms_http.limits = {}
    sms_http.report_url = f"{live_server.url}/p/sms/receipts/"
    ok, lost = sent(sms_town), sent(sms_town, "+8613800000000")
    assert ok.provider_id and ok.status == "sent"
    sms_http.receipt(ok.provider_id)
    sms_http.receipt(lost.provider_id, success=False, err_code="MOBILE_NOT_ON_SERVICE")
    assert [(status, json.loads(answer)) for _reports, status, answer in sms_http.pushes] == [(200, {"code": 0, "msg": "成功"})] * 2
    ok.refresh_from_db(), lost.refresh_from_db()
    assert (ok.status, lost.status) == ("delivered", "failed") and "MOBILE_NOT_ON_SERVICE" in lost.error
    assert notices(admin) == ["发往 138****0000 的短信未送达"]
    sms_http.pushes.clear()
    sms_http.receipt(lost.provider_id)  # nothing awaits a receipt any more: nothing is pushed, nothing told twice
    assert sms_http.pushes == [] and len(notices(admin)) == 1


@pytest.mark.django_db(transaction=True)
def test_a_forged_receipt_settles_nothing(client, sms_http, sms_town):
    message = sent(sms_town)
    report = [{"out_id": str(message.pk), "biz_id": "guessed", "success": False, "err_code": "X"}]
    assert client.post("/p/sms/receipts/", report, content_type="application/json", HTTP_HOST="localhost").json()["code"] == 0
    message.refresh_from_db()
    assert message.status == "sent"


@pytest.mark.django_db
def test_receipts_are_pulled_from_a_provider_that_only_answers_queries(sms_http, sms_town, admin):
    sms_http.limits = {}
    ok, lost, fresh = sent(sms_town), sent(sms_town, "+8613800000000"), sent(sms_town, "+8613700000000")
    SmsMessage.objects.exclude(pk=fresh.pk).update(sent_at=timezone.now() - timedelta(minutes=5))
    sms_http.receipt(ok.provider_id)
    sms_http.receipt(lost.provider_id, success=False)
    sms_http.receipt(fresh.provider_id)  # too fresh to ask about yet
    assert pull_receipts.for_town(sms_town) == 2
    assert dict(SmsMessage.objects.values_list("phone", "status")) == {
        "+8613912345678": "delivered", "+8613800000000": "failed", "+8613700000000": "sent",
    }
    assert pull_receipts.for_town(sms_town) == 0 and len(notices(admin)) == 1


@pytest.mark.django_db
def test_an_appeal_receipt_that_fails_for_good_is_a_line_on_the_cases_trail(sms_http, appeals_town, new_case, make_user, client):
    from appeals.views import timeline

    admin = make_user("admin", appeals_town, Role.TOWN_ADMIN)
    case = new_case()
    sms_http.fail_next("permanent")
    assert deliver(SmsMessage.objects.get(event="appeal_submitted").pk) == "failed"
    note = case.transitions.last()
    assert (note.from_state, note.to_state) == (case.state, case.state)
    assert "138****5678" in note.note and "MOBILE_NUMBER_ILLEGAL" in note.note and "未送达" in note.note
    assert "发往 138****5678 的短信未送达" in notices(admin)
    assert [step["state"] for step in timeline(case)] == ["已提交"]  # the villager's timeline leaves the note out
