"""Monthly publication: reminders on the town's day, early warnings later, each once; the compliance board."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cunwu.towns.models import Role

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(month, day, hour=9):
    return time_machine.travel(datetime(2026, month, day, hour, tzinfo=SHANGHAI), tick=False)


def inbox(user):
    from cunwu.notifications.models import Notification

    return list(Notification.objects.filter(recipient=user).order_by("created_at").values_list("subject", "body"))


def sweep():
    from disclosure.tasks import publication_sweep

    return publication_sweep()


@pytest.fixture
def needs_sms():
    from django.apps import apps

    if not apps.is_installed("sms"):
        pytest.skip("the sms plugin is excluded from this run")


@pytest.fixture
def xiangyang_editor(dtown, make_user):
    return make_user("xiangyang", dtown, Role.VILLAGE_EDITOR, dtown.villages.get(name="向阳村"))


@pytest.mark.django_db
def test_villages_missing_last_month_are_reminded_then_reported_each_once(
    dtown, beigou, editor, reviewer, xiangyang_editor, make_ledger, other_town, enable_plugin
):
    from disclosure import workflow

    with at(4, 2):
        ledger = make_ledger(beigou, month=3, lines=[("income", "补助收入", "100.00", "运转经费")])
        workflow.approve(workflow.submit(ledger, editor), reviewer)
    with at(4, 4):
        assert sweep()[dtown.slug] == {"reminders": 0, "warnings": 0}
        assert inbox(xiangyang_editor) == []
    with at(4, 5):
        results = sweep()
        assert results[dtown.slug] == {"reminders": 2, "warnings": 0}
        assert sweep()[dtown.slug] == {"reminders": 0, "warnings": 0}
    notices = inbox(xiangyang_editor)
    assert len(notices) == 2  # 向阳村 and 中沟村, not 北沟村 which published on time
    assert all("发布上月财务" in subject for subject, _body in notices)
    bodies = " ".join(body for _subject, body in notices)
    assert "向阳村" in bodies and "中沟村" in bodies and "北沟村" not in bodies and "2026-03" in bodies
    assert inbox(reviewer) == []
    with at(4, 10, 8):
        assert sweep()[dtown.slug] == {"reminders": 0, "warnings": 2}
        assert sweep()[dtown.slug] == {"reminders": 0, "warnings": 0}
    warnings = inbox(reviewer)
    assert len(warnings) == 2 and all("预警" in body for _subject, body in warnings)
    assert len(inbox(xiangyang_editor)) == 2
    with at(5, 12):  # April is a new month: nobody published it, so a new round for all three villages
        assert sweep()[dtown.slug] == {"reminders": 3, "warnings": 3}
    assert other_town.slug not in sweep()


@pytest.mark.django_db
def test_a_town_chooses_its_days_and_the_form_checks_their_order(dtown, xiangyang_editor, reviewer):
    from cunwu.plugins.switch import save_plugin_settings
    from disclosure.settings_form import DisclosureSettingsForm

    form = DisclosureSettingsForm({"reminder_day": 12, "warning_day": 8, "lease_notice_days": 30})
    assert not form.is_valid() and "预警日必须在提醒日之后" in str(form.errors)
    form = DisclosureSettingsForm({"reminder_day": 29, "warning_day": 30, "lease_notice_days": 30})
    assert not form.is_valid()
    save_plugin_settings(dtown, "disclosure", {"reminder_day": 12, "warning_day": 20, "lease_notice_days": 30})
    with at(4, 11):
        assert sweep()[dtown.slug] == {"reminders": 0, "warnings": 0}
    with at(4, 12):
        assert sweep()[dtown.slug] == {"reminders": 3, "warnings": 0}
    assert len(inbox(xiangyang_editor)) == 3 and inbox(reviewer) == []


@pytest.mark.django_db
def test_compliance_board_shows_on_time_late_and_missing(
    client, dtown, beigou, editor, reviewer, make_ledger, make_user
):
    from disclosure import workflow

    zhonggou = dtown.villages.get(name="中沟村")
    zhonggou_editor = make_user("zhonggou", dtown, Role.VILLAGE_EDITOR, zhonggou)
    with at(4, 3):
        workflow.approve(workflow.submit(make_ledger(beigou, month=3, lines=[("income", "补助收入", "5.00", "x")]), editor), reviewer)
    with at(4, 8):
        workflow.approve(workflow.submit(make_ledger(zhonggou, month=3, lines=[("income", "补助收入", "5.00", "x")]), zhonggou_editor), reviewer)
    admin = make_user("zhenguanli", dtown, Role.TOWN_ADMIN)
    client.force_login(admin)
    with at(4, 20):
        page = client.get("/admin/disclosure/board/", HTTP_HOST="localhost")
    assert page.status_code == 200
    html = page.content.decode()
    assert "发布情况" in html
    rows = {village.name: dict((f"{y}-{m:02d}", state) for y, m, state, _label, _when in cells)
            for village, cells in page.context["table"]}
    assert rows["北沟村"]["2026-03"] == "on_time"
    assert rows["中沟村"]["2026-03"] == "late"
    assert rows["向阳村"]["2026-03"] == "missing"
    assert len(rows["向阳村"]) == 12 and "2025-04" in rows["向阳村"]
    assert "按时" in html and "逾期" in html and "未发布" in html
    villager = make_user("cunmin")
    client.force_login(villager)
    assert client.get("/admin/disclosure/board/", HTTP_HOST="localhost").status_code in (302, 403)


@pytest.mark.worker
def test_with_the_sms_service_the_village_contact_gets_one_sms(
    needs_sms, sms_provider, celery_worker, dtown, sms_at_any_hour, xiangyang_editor
):
    sms_at_any_hour(dtown)
    dtown.villages.filter(name="向阳村").update(contact_phone="13812345678")
    with at(4, 6):
        first = sweep()[dtown.slug]
        second = sweep()[dtown.slug]
    assert first == {"reminders": 3, "warnings": 0} and second == {"reminders": 0, "warnings": 0}
    messages = sms_provider.wait_for(1)
    assert [m["PhoneNumbers"] for m in messages] == ["13812345678"]
    assert messages[0]["params"] == {"village": "向阳村", "month": messages[0]["params"]["month"]}
    from sms.models import SmsMessage

    assert "向阳村" in SmsMessage.objects.get(event="disclosure.publish_reminder").text
    assert len(inbox(xiangyang_editor)) == 2  # the two villages without a contact phone fall back to the inbox
