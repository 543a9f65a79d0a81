"""Message events of other plugins: declared through the API, mapped on the sms plugin's template screen, and
sent with the mapped template code and text; without the sms plugin a town falls back to the core notice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cunwu.towns.models import Role
from sms.delivery import deliver
from sms.models import SmsMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_town(sms_town, enable_plugin, sms_at_any_hour):
    """西湖镇 with livestream and sms, and without appeals; quiet hours off so a reminder goes at any hour."""
    enable_plugin(sms_town, "livestream")
    return sms_at_any_hour(sms_town)


def broadcast_in(town, minutes=20):
    from livestream.models import BroadcastIndexPage, BroadcastPage

    index = BroadcastIndexPage(title="村务直播", slug="broadcasts")
    town.root_page.add_child(instance=index)
    index.save_revision().publish()
    starts = timezone.now().replace(microsecond=0) + timedelta(minutes=minutes)
    broadcast = BroadcastPage(title="村务监督日", starts_at=starts, ends_at=starts + timedelta(hours=2),
                              source_kind="hls", source_url="https://live.example.cn/meeting.m3u8")
    index.add_child(instance=broadcast)
    broadcast.save_revision().publish()
    return BroadcastPage.objects.get(pk=broadcast.pk)


@pytest.mark.sqlite
def test_the_template_screen_lists_the_events_of_the_towns_plugins_with_their_default_text(
    client, live_town, other_town, enable_plugin, make_user
):
    enable_plugin(other_town, "sms")
    enable_plugin(other_town, "appeals")
    client.force_login(make_user("admin", live_town, Role.TOWN_ADMIN))
    page = client.get("/admin/sms/templates/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "直播提醒（发给预约提醒的村民）" in html and 'data-event="livestream_reminder"' in html
    assert "【{title}】将于{starts_at}开始" in html  # the default text, in Chinese, ready to edit
    assert 'data-event="appeal_submitted"' not in html  # appeals is not on in this town

    client.force_login(make_user("liuhe", other_town, Role.TOWN_ADMIN))
    theirs = client.get("/admin/sms/templates/", HTTP_HOST="liuhe.localhost").content.decode()
    assert 'data-event="appeal_submitted"' in theirs and 'data-event="livestream_reminder"' not in theirs


def test_a_livestream_reminder_goes_out_with_the_code_and_text_the_town_mapped_without_appeals(
    client, live_town, sms_http, make_user
):
    from livestream.reminders import subscribe, sweep

    client.force_login(make_user("admin", live_town, Role.TOWN_ADMIN))
    form = {f"livestream_reminder-{name}": value for name, value in
            {"template_code": "SMS_LIVE_1", "text": "{title}将于{starts_at}开播，观看：{url}"}.items()}
    assert client.post("/admin/sms/templates/", form).status_code == 302
    broadcast = broadcast_in(live_town)
    subscribe(broadcast, live_town, "13812345678")

    assert sweep(now=broadcast.starts_at - timedelta(minutes=15)) == 1
    message = SmsMessage.objects.get(event="livestream_reminder")
    assert message.template_code == "SMS_LIVE_1"
    assert message.text.startswith("村务监督日将于") and message.params["url"] in message.text
    assert deliver(message.pk) == "sent"
    received = sms_http.messages[0]
    assert received["TemplateCode"] == "SMS_LIVE_1" and received["params"]["title"] == "村务监督日"


def test_without_the_sms_plugin_a_publication_reminder_is_a_core_notice(town, enable_plugin, make_user):
    from cunwu.notifications.models import Notification
    from disclosure.publication import sweep_town

    enable_plugin(town, "disclosure")
    town.villages.update(contact_phone="13812345678")
    editor = make_user("editor", town, Role.VILLAGE_EDITOR, town.villages.get(name="向阳村"))
    today = timezone.localdate().replace(day=6)
    assert sweep_town(town, today=today)["reminders"] == 3
    assert not SmsMessage.objects.exists()
    assert Notification.objects.filter(recipient=editor).exists()


def test_a_town_that_switches_sms_off_still_takes_appeals_and_tells_staff_by_the_core_notice(appeals_town, enable_plugin,
                                                                                              make_user, new_case):
    from cunwu.notifications.models import Notification

    admin = make_user("admin", appeals_town, Role.TOWN_ADMIN)
    enable_plugin(appeals_town, "sms", False)
    case = new_case()
    assert not SmsMessage.objects.exists()
    assert Notification.objects.filter(recipient=admin, subject__contains=case.number).exists()
    enable_plugin(appeals_town, "sms")
    new_case()
    assert SmsMessage.objects.filter(event="appeal_submitted").count() == 1
