"""Reminders: sign-up on the public page, once-only SMS by a real worker through the SMS outbox, unsubscribe."""

from datetime import timedelta

import pytest
from django.utils import timezone

from livestream.models import Reminder, Subscription
from livestream.reminders import sweep


def remind(client, page, phone, ip="127.0.0.1"):
    return client.post(f"/p/livestream/broadcast/{page.pk}/remind/", {"phone": phone}, HTTP_HOST="localhost",
                       REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_bad_numbers_are_refused_in_chinese_and_good_ones_never_shown(client, make_broadcast):
    page = make_broadcast()
    response = remind(client, page, "12345")
    assert response.status_code == 400
    assert "请输入 11 位手机号码" in response.text
    assert not Subscription.objects.exists()

    response = remind(client, page, "+86 138-1234-5678")
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.phone == "13812345678"
    assert subscription.reminder.due_at == page.starts_at - timedelta(minutes=30)
    assert remind(client, page, "13812345678").status_code == 302
    assert Subscription.objects.count() == 1 and Reminder.objects.count() == 1

    shown = client.get(response["Location"], HTTP_HOST="localhost").text
    assert "订阅成功" in shown and "13812345678" not in shown


@pytest.mark.django_db
def test_no_reminder_once_the_broadcast_has_started(client, make_broadcast):
    page = make_broadcast(starts_in=timedelta(minutes=-1))
    response = remind(client, page, "13812345678")
    assert response.status_code == 400 and not Subscription.objects.exists()


@pytest.mark.django_db
def test_without_an_sms_service_the_reminder_is_recorded_as_not_sent(client, make_broadcast):
    page = make_broadcast(starts_in=timedelta(minutes=20))
    remind(client, page, "13812345678")
    assert sweep() == 1
    reminder = Reminder.objects.get()
    assert reminder.sent_at is not None and reminder.outcome == Reminder.Outcome.NO_SMS
    assert sweep() == 0


@pytest.mark.django_db
def test_unsubscribe_link_cancels_the_reminder(client, make_broadcast):
    page = make_broadcast(starts_in=timedelta(minutes=20))
    remind(client, page, "13812345678")
    subscription = Subscription.objects.get()
    url = f"/p/livestream/unsubscribe/{subscription.token}/"
    shown = client.get(url, HTTP_HOST="localhost")
    assert "138****5678" in shown.text and "13812345678" not in shown.text
    assert "您将不会再收到" in client.post(url, HTTP_HOST="localhost").text
    assert sweep() == 0
    assert Reminder.objects.get().outcome == Reminder.Outcome.CANCELLED


@pytest.mark.django_db
def test_moving_the_start_moves_the_unsent_reminder(client, make_broadcast):
    page = make_broadcast()
    remind(client, page, "13812345678")
    page.starts_at += timedelta(days=1)
    page.save_revision().publish()
    assert Reminder.objects.get().due_at == page.starts_at - timedelta(minutes=30)


@pytest.mark.worker
def test_real_worker_sends_each_reminder_once_through_the_sms_outbox(
    restore_locale, sms_provider, celery_worker, client, make_broadcast, live_town, sms_at_any_hour
):
    from livestream.tasks import send_due_reminders

    sms_at_any_hour(live_town)
    soon = make_broadcast("村务监督日", starts_in=timedelta(minutes=20))
    later = make_broadcast("年终阳光报告会", starts_in=timedelta(days=5))
    # Each villager signs up from their own phone: one address past two sign-ups is asked the picture challenge.
    for ip, phone in (("10.1.0.1", "13812345678"), ("10.1.0.1", "13812345678"), ("10.1.0.2", "13987654321")):
        assert remind(client, soon, phone, ip).status_code == 302
    assert remind(client, later, "13812345678", "10.1.0.3").status_code == 302

    send_due_reminders.delay()
    send_due_reminders.delay()
    messages = sms_provider.wait_for(2)
    assert sweep() == 0  # a third sweep, in this process, finds nothing left to send
    assert sorted(m["PhoneNumbers"] for m in messages) == ["13812345678", "13987654321"]
    assert len(sms_provider.requests) == 2
    first = messages[0]["params"]
    assert first["title"] == "村务监督日"
    assert first["unsubscribe_url"].startswith("http://localhost") and "/p/livestream/unsubscribe/" in first["unsubscribe_url"]
    assert messages[0]["TemplateCode"] == "livestream_reminder"
    from sms.models import SmsMessage

    stored = SmsMessage.objects.filter(event="livestream_reminder").first()
    assert "退订" in stored.text and stored.params["unsubscribe_url"] in stored.text  # the text, filled in, is on the row
    sent = Reminder.objects.filter(sent_at__isnull=False)
    assert sent.count() == 2 and set(sent.values_list("outcome", flat=True)) == {"sms"}
    assert Reminder.objects.get(subscription__broadcast=later).sent_at is None
    assert timezone.now() < soon.starts_at
