"""The outbox screen: a town admin sees their town's messages (masked), filters them, resends a failed one."""

import pytest
from django.utils import timezone

from cunwu.plugins import api
from cunwu.towns.models import Role
from sms.delivery import deliver
from sms.models import SmsMessage

pytestmark = pytest.mark.django_db


def row(town, phone, event="appeal_submitted", status="sent", **extra):
    return SmsMessage.objects.create(town=town, phone=phone, event=event, status=status, text="文本",
                                     next_attempt_at=timezone.now(), **extra)


@pytest.fixture
def two_towns(sms_town, other_town, enable_plugin, make_user):
    enable_plugin(other_town, "sms")
    return {
        "xihu": make_user("xihu_admin", sms_town, Role.TOWN_ADMIN),
        "liuhe": make_user("liuhe_admin", other_town, Role.TOWN_ADMIN),
    }


@pytest.mark.sqlite
def test_the_outbox_shows_only_the_towns_own_messages_masked_with_filters_and_daily_figures(
    client, sms_town, other_town, two_towns
):
    row(sms_town, "+8613812345678")
    row(sms_town, "+8613812340000", event="livestream_reminder", status="failed", error="isv.MOBILE_NUMBER_ILLEGAL: bad", attempts=1)
    theirs = row(other_town, "+8613999998888", status="failed", error="柳河的错误")
    client.force_login(two_towns["xihu"])

    page = client.get("/admin/sms/smsmessage/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "138****5678" in html and "13812345678" not in html and "139****8888" not in html and "柳河的错误" not in html
    assert "发送失败" in html and "isv.MOBILE_NUMBER_ILLEGAL" in html and "直播提醒" in html  # status, error, event in Chinese
    assert "西湖镇近 7 天的短信" in html
    daily = html[html.index('data-testid="sms-daily"'):]
    today = api.town_today(sms_town).strftime("%Y-%m-%d")
    assert f"<td>{today}</td><td>1</td><td>0</td><td>1</td>" in daily.replace("\n", "")  # sent, delivered, failed

    failed_only = client.get("/admin/sms/smsmessage/?status=failed").content.decode()
    assert "138****0000" in failed_only and "138****5678" not in failed_only
    by_event = client.get("/admin/sms/smsmessage/?event=appeal_submitted").content.decode()
    assert "138****5678" in by_event and "138****0000" not in by_event

    refused = client.get(f"/admin/sms/outbox/{theirs.pk}/resend/")  # Wagtail turns a refusal into a redirect home
    assert refused.status_code in (302, 403) and "139****8888" not in refused.content.decode()
    assert client.post(f"/admin/sms/outbox/{theirs.pk}/resend/").status_code in (302, 403)
    theirs.refresh_from_db()
    assert theirs.status == "failed"
    assert client.get(f"/admin/sms/smsmessage/edit/{theirs.pk}/").status_code in (302, 403, 404)


def test_a_staff_member_without_the_outbox_right_gets_nothing(client, sms_town, make_user):
    row(sms_town, "+8613812345678")
    client.force_login(make_user("editor", sms_town, Role.TOWN_EDITOR))
    assert client.get("/admin/sms/smsmessage/").status_code in (302, 403)


def test_resend_queues_a_failed_message_again_and_it_reaches_the_provider(client, sms_http, sms_town, two_towns):
    failed = row(sms_town, "+8613812345678", status="failed", error="isp.SYSTEM_ERROR", attempts=8,
                 template_code="appeal_submitted", params={"number": "XH-7"})
    sent = row(sms_town, "+8613812349999")
    client.force_login(two_towns["xihu"])

    listing = client.get("/admin/sms/smsmessage/").content.decode()
    assert listing.count(">重新发送<") == 1  # only the failed row offers it
    confirm = client.get(f"/admin/sms/outbox/{failed.pk}/resend/")
    assert confirm.status_code == 200 and "138****5678" in confirm.content.decode()
    assert client.post(f"/admin/sms/outbox/{failed.pk}/resend/").status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.error) == ("pending", 0, "")
    assert deliver(failed.pk) == "sent"
    assert [m["params"] for m in sms_http.messages] == [{"number": "XH-7"}]

    client.post(f"/admin/sms/outbox/{sent.pk}/resend/")  # a sent one is not sent twice
    sent.refresh_from_db()
    assert sent.status == "sent" and len(sms_http.messages) == 1
