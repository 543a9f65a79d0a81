"""Rate limits and budgets, in the town's time zone: the provider's per-number windows are waited out once, a
number's daily budget stops a flood before the provider, and quiet hours hold what can wait until the morning."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from cunwu.plugins.api import get_service, town_localtime, town_zone
from sms.delivery import deliver
from sms.models import SmsMessage

PHONE = "+8613912345678"


def queue(town, event="notice", phone=PHONE):
    return get_service("sms", town).send(town, phone, event, {"x": "1"})


@pytest.mark.django_db
@pytest.mark.parametrize("limits, window", [
    ({"minute": 1}, "minute"), ({"minute": 5, "hour": 1}, "hour"), ({"minute": 5, "hour": 5, "day": 1}, "day"),
])
def test_the_providers_per_number_limit_is_waited_out_once_until_its_window_turns(sms_http, sms_town, limits, window):
    sms_http.limits = limits
    zone = town_zone(sms_town)
    with time_machine.travel(datetime(2026, 12, 2, 10, 20, 30, tzinfo=zone), tick=False) as clock:
        assert deliver(queue(sms_town).pk) == "sent"
        second = queue(sms_town)
        assert deliver(second.pk) == "pending"
        second.refresh_from_db()
        turn = {"minute": datetime(2026, 12, 2, 10, 21, tzinfo=zone), "hour": datetime(2026, 12, 2, 11, 0, tzinfo=zone),
                "day": datetime(2026, 12, 3, 0, 0, tzinfo=zone)}[window]
        assert second.next_attempt_at == turn and "BUSINESS_LIMIT_CONTROL" in second.error
        assert deliver(second.pk) is None  # not polled before then
        clock.move_to(turn)
        assert deliver(second.pk) == "sent"
    assert len(sms_http.on_phone(PHONE)) == 2 and len(sms_http.requests) == 3


@pytest.mark.django_db
def test_a_numbers_daily_budget_fails_the_flood_without_asking_the_provider(sms_http, sms_town):
    from cunwu.plugins.switch import save_plugin_settings

    sms_http.limits = {}
    save_plugin_settings(sms_town, "sms", {"daily_budget": 2})
    outcomes = [deliver(queue(sms_town).pk) for _ in range(3)]
    assert outcomes == ["sent", "sent", "failed"]
    refused = SmsMessage.objects.order_by("pk").last()
    assert "今日" in refused.error and "2" in refused.error
    assert len(sms_http.requests) == 2
    assert deliver(queue(sms_town, phone="+8613800000000").pk) == "sent"  # another number has its own budget


@pytest.mark.django_db
def test_quiet_hours_hold_reminders_until_morning_but_not_urgent_messages(sms_http, sms_town, enable_plugin):
    from sms.limits import is_urgent

    enable_plugin(sms_town, "livestream")
    assert not is_urgent("livestream_reminder") and is_urgent("appeal_submitted")
    zone = town_zone(sms_town)
    with time_machine.travel(datetime(2026, 12, 2, 22, 15, tzinfo=zone), tick=False) as clock:
        reminder, receipt = queue(sms_town, "livestream_reminder"), queue(sms_town, "appeal_submitted", "+8613800000000")
        assert deliver(reminder.pk) == "pending" and deliver(receipt.pk) == "sent"
        reminder.refresh_from_db()
        assert reminder.next_attempt_at == datetime(2026, 12, 3, 8, 0, tzinfo=zone) and reminder.attempts == 0
        assert "夜间" in reminder.error or "免打扰" in reminder.error
        clock.move_to(datetime(2026, 12, 3, 8, 0, tzinfo=zone))
        assert deliver(reminder.pk) == "sent"
    assert [m["PhoneNumbers"] for m in sms_http.messages] == ["13800000000", "13912345678"]
