"""Early warnings on power records: an overdue step, a rectification past its deadline or a breach the gate refuses
raises one warning, by SMS and in the admin, to the village committee's director and the town's discipline
supervisors; once even under concurrent sweeps and a real worker run twice; an idle sweep costs a few queries; the
core's notice when SMS is off."""

import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone, translation

from cunwu.plugins import api
from cunwu.towns.models import Role
from disclosure import rectification_warnings, record_gate, record_supervision, record_warnings
from disclosure.models import Rectification, RecordStep, RecordWarning, SupervisorMobile, WarningRecipient
from disclosure.tasks import record_warning_sweep
from tests.disclosure.test_record_gate import ROAD_STEPS, make_matter, refused, step, upload, work_to

DIRECTOR_PHONE, SUPERVISOR_PHONE, DEPUTY_PHONE = "13900001111", "13800002222", "13700003333"


def inbox(user):
    from cunwu.notifications.models import Notification

    return list(Notification.objects.filter(recipient=user).values_list("subject", "body"))


def sms_rows():
    from sms.models import SmsMessage

    rows = SmsMessage.objects.filter(event=record_warnings.SMS_WARNING).order_by("phone").values_list("phone", "params")
    return [(phone.removeprefix("+86"), params) for phone, params in rows]  # stored in E.164, sent as dialled


@pytest.fixture
def needs_sms():
    from django.apps import apps

    if not apps.is_installed("sms"):
        pytest.skip("the sms plugin is excluded from this run")


@pytest.fixture
def staff(dtown, beigou, make_user):
    """The 书记 and 主任 who work records, the director of 北沟村's supervision committee and two town
    supervisors, the director and one supervisor with a mobile on file."""
    from cunwu.towns.committee import set_committee

    director = make_user("jianweizhuren", first_name="李主任")
    set_committee(beigou, [], director)
    people = {
        "shuji": make_user("shuji", dtown, Role.VILLAGE_EDITOR, beigou, first_name="王书记"),
        "zhuren": make_user("zhuren", dtown, Role.VILLAGE_EDITOR, beigou),
        "director": director,
        "supervisor": make_user("jiwei", dtown, Role.SUPERVISOR, first_name="赵纪委"),
        "deputy": make_user("jiwei2", dtown, Role.SUPERVISOR, first_name="钱纪委"),
    }
    SupervisorMobile.objects.create(town=dtown, user=director, phone=DIRECTOR_PHONE)
    SupervisorMobile.objects.create(town=dtown, user=people["supervisor"], phone=SUPERVISOR_PHONE)
    return type("Staff", (), people)


def overdue_record(dtown, beigou, staff, title="北沟村 2027 年道路硬化", code="GC-99"):
    """A record whose first step was due an hour ago (not yet marked overdue)."""
    matter = make_matter(dtown, code=code)
    record = record_gate.open_record(matter, beigou, staff.shuji, title, Decimal("380000"))
    RecordStep.objects.filter(record=record, number=1).update(due_at=timezone.now() - timedelta(hours=1))
    return record


@pytest.mark.django_db
def test_an_overdue_step_raises_one_warning_with_who_was_told_and_how(needs_sms, dtown, beigou, staff, sms_at_any_hour):
    sms_at_any_hour(dtown)
    record = overdue_record(dtown, beigou, staff)
    assert record_warning_sweep() == {dtown.slug: 1}
    assert record_warning_sweep() == {dtown.slug: 0}
    assert step(record, 1).state == "overdue"
    warning = RecordWarning.objects.get()
    assert (warning.record, warning.step.number, warning.kind) == (record, 1, "overdue")
    assert warning.message.startswith(f"北沟村 {record.tracking_code}“北沟村 2027 年道路硬化”第1步“村党组织提议”已超过办理时限")
    told = sorted((r.name, r.role, r.channel, r.masked_phone) for r in warning.recipients.all())
    assert told == sorted([
        ("李主任", "village_supervisor_director", "sms", "139****1111"),
        ("李主任", "village_supervisor_director", "dashboard", ""),
        ("赵纪委", "supervisor", "sms", "138****2222"),
        ("赵纪委", "supervisor", "notice", ""),
        ("钱纪委", "supervisor", "notice", ""),  # no mobile on file: the admin notice only
    ])
    assert all(r.told_at == warning.raised_at for r in warning.recipients.all())
    assert [phone for phone, _params in sms_rows()] == [SUPERVISOR_PHONE, DIRECTOR_PHONE]
    assert sms_rows()[0][1] == {"village": "北沟村", "code": record.tracking_code, "record": "北沟村 2027 年道路硬化",
                                "step": "村党组织提议", "kind": "办理超时"}
    assert inbox(staff.supervisor) == inbox(staff.deputy) == [("预警：办理超时", warning.message)]
    assert inbox(staff.director) == []  # the core's notice reaches a role town-wide: the director has the dashboard
    with pytest.raises(ValueError):
        warning.delete()
    warning.message = "改写"
    with pytest.raises(ValueError):
        warning.save()


@pytest.mark.django_db
def test_the_dashboard_lists_the_warnings_for_supervisors_and_the_director_only(
    needs_sms, client, dtown, beigou, staff, sms_at_any_hour
):
    sms_at_any_hour(dtown)
    record = overdue_record(dtown, beigou, staff)
    record_warning_sweep()
    for user, shown in ((staff.supervisor, True), (staff.director, True), (staff.shuji, False)):
        client.force_login(user)
        with translation.override("zh-hans"):
            page = client.get("/admin/", HTTP_HOST="localhost").content.decode()
        assert ('data-testid="disclosure-record-warnings"' in page) is shown, user
        if shown:
            assert "权力运行：1条预警" in page and record.tracking_code in page and "139****1111" in page
            assert DIRECTOR_PHONE not in page


@pytest.mark.django_db
def test_a_missing_document_at_closing_is_refused_and_warned_once(dtown, beigou, staff):
    record = record_gate.open_record(make_matter(dtown), beigou, staff.shuji, "北沟村 2027 年道路硬化", Decimal("380000"))
    work_to(record, 7, staff)
    for _attempt in range(2):
        message = refused(record_gate.close_step, record, step(record, 7), staff.shuji, documents=[upload("invoice")])
        assert message == "“实施结果公开”缺少材料，不能办结：验收报告。"
    assert step(record, 7).state == "current"
    warning = RecordWarning.objects.get()
    assert (warning.step.number, warning.kind) == (7, "document_missing")
    assert "办结时缺少材料" in warning.message and "验收报告" in warning.message
    assert inbox(staff.supervisor) == [("预警：办结时缺少材料", warning.message)]


@pytest.mark.django_db
def test_closing_above_the_threshold_without_the_resolution_stages_is_warned(dtown, beigou, staff):
    steps = [s for s in ROAD_STEPS if s[1] not in ("resolution_public", "result_public")]
    matter = make_matter(dtown, steps, requires_four_two=True, four_two_from_amount=Decimal("50000"))
    record = record_gate.open_record(matter, beigou, staff.shuji, "北沟村 2027 年道路硬化", Decimal("380000"))
    work_to(record, 5, staff)
    refused(record_gate.close_step, record, step(record, 5), staff.zhuren)
    assert RecordWarning.objects.get().kind == "over_threshold"


@pytest.mark.django_db
def test_an_idle_sweep_does_no_work(dtown, beigou, staff, other_town, enable_plugin, django_assert_max_num_queries):
    enable_plugin(other_town, "disclosure")
    record_gate.open_record(make_matter(dtown), beigou, staff.shuji, "北沟村 2027 年道路硬化", Decimal("380000"))
    with django_assert_max_num_queries(6):  # mark overdue, the towns, per town one indexed look at steps, one at rectifications
        assert record_warning_sweep() == {dtown.slug: 0, other_town.slug: 0}
    assert RecordWarning.objects.count() == 0


@pytest.mark.django_db
def test_without_the_sms_plugin_supervisors_get_the_core_notice(dtown, beigou, staff):
    record = overdue_record(dtown, beigou, staff)
    assert not api.is_enabled(dtown, "sms")
    record_warning_sweep()
    warning = RecordWarning.objects.get(record=record)
    assert sorted(warning.recipients.values_list("name", "channel")) == [
        ("李主任", "dashboard"), ("赵纪委", "notice"), ("钱纪委", "notice")]
    assert inbox(staff.supervisor) == inbox(staff.deputy) == [("预警：办理超时", warning.message)]
    from django.apps import apps

    if apps.is_installed("sms"):
        assert sms_rows() == []



def two_sweeps_at_once(monkeypatch, module, function_name, sweep):
    """Run `sweep` in two threads that meet at the first call of `module.function_name` (both have read the same
    unwarned rows by then): returns (what each sweep returned, the errors)."""
    barrier, original = threading.Barrier(2), getattr(module, function_name)
    first = threading.local()

    def together(*args):
        if not getattr(first, "done", False):
            first.done = True
            barrier.wait(timeout=10)
        return original(*args)

    monkeypatch.setattr(module, function_name, together)
    raised, errors = [], []

    def run():
        try:
            raised.append(sweep())
        except Exception as error:  # noqa: BLE001 - surfaced by the caller
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return raised, errors

@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_make_one_warning_and_one_sms_per_recipient(
    needs_sms, dtown, beigou, staff, sms_at_any_hour, monkeypatch
):
    sms_at_any_hour(dtown)
    records = [overdue_record(dtown, beigou, staff, f"北沟村 项目{n}", code=f"GC-9{n}") for n in range(4)]
    record_gate.mark_overdue()
    # Both sweeps read the same unwarned steps and reach the insert of the first one together.
    raised, errors = two_sweeps_at_once(monkeypatch, record_warnings, "_message", lambda: record_warnings.sweep_town(dtown))
    assert errors == [] and sum(raised) == 4
    assert RecordWarning.objects.filter(record__in=records, kind="overdue").count() == 4
    assert WarningRecipient.objects.filter(channel="sms").count() == 8
    phones = [phone for phone, _params in sms_rows()]
    assert sorted(phones) == sorted([DIRECTOR_PHONE, SUPERVISOR_PHONE] * 4)
    assert len(inbox(staff.supervisor)) == 4


@pytest.mark.worker
def test_a_real_worker_sends_each_recipient_one_sms_even_when_the_sweep_runs_twice(
    needs_sms, sms_provider, celery_worker, dtown, beigou, staff, sms_at_any_hour
):
    sms_at_any_hour(dtown)
    # the committee's director and the town's two supervisors, each with a mobile on file
    SupervisorMobile.objects.create(town=dtown, user=staff.deputy, phone=DEPUTY_PHONE)
    record = overdue_record(dtown, beigou, staff)
    record_warning_sweep.delay()
    record_warning_sweep.delay()
    messages = sms_provider.wait_for(3)
    time.sleep(2)  # room for the second run to send anything it (wrongly) would
    assert sorted(m["PhoneNumbers"] for m in sms_provider.messages) == sorted([DIRECTOR_PHONE, DEPUTY_PHONE, SUPERVISOR_PHONE])
    assert messages[0]["TemplateCode"] == record_warnings.SMS_WARNING
    assert messages[0]["params"]["code"] == record.tracking_code and messages[0]["params"]["kind"] == "办理超时"
    assert record_warning_sweep() == {dtown.slug: 0}  # a third sweep, in this process, finds nothing to warn of
    assert RecordWarning.objects.filter(record=record).count() == 1


def overdue_rectification(record, staff, requirement="补齐村民代表会议签到表并公示", days_late=1):
    """An order of the town's supervisor whose deadline passed `days_late` days ago (town time), not closed."""
    order = record_supervision.order_rectification(record, staff.supervisor, requirement, working_days=3)
    Rectification.objects.filter(pk=order.pk).update(deadline=api.town_today(record.town) - timedelta(days=days_late))
    return Rectification.objects.get(pk=order.pk)


@pytest.mark.django_db
def test_a_rectification_past_its_deadline_is_warned_once_and_a_closed_or_timely_one_is_not(
    needs_sms, dtown, beigou, staff, sms_at_any_hour
):
    sms_at_any_hour(dtown)
    record = record_gate.open_record(make_matter(dtown), beigou, staff.shuji, "北沟村 2027 年道路硬化", Decimal("380000"))
    late = overdue_rectification(record, staff)
    due_today = overdue_rectification(record, staff, "路面修补", days_late=0)  # due today: not late until tomorrow
    closed = overdue_rectification(record, staff, "更换路灯", days_late=5)
    record_supervision.report_done(closed, staff.shuji, "已更换")
    record_supervision.close(closed, staff.supervisor)
    reported = overdue_rectification(record, staff, "公示验收报告", days_late=2)
    record_supervision.report_done(reported, staff.shuji, "已公示")  # reported but not closed: still late
    assert record_warning_sweep() == {dtown.slug: 2}
    assert record_warning_sweep() == {dtown.slug: 0}
    warnings = {w.rectification_id: w for w in RecordWarning.objects.filter(kind="rectification_overdue")}
    assert set(warnings) == {late.pk, reported.pk} and due_today.pk not in warnings
    warning = warnings[late.pk]
    assert (warning.record, warning.step) == (record, None)
    assert warning.get_kind_display() == "整改逾期"
    assert "补齐村民代表会议签到表并公示" in warning.message and late.deadline.isoformat() in warning.message
    assert sorted(warning.recipients.values_list("name", "channel")) == sorted([
        ("李主任", "sms"), ("李主任", "dashboard"), ("赵纪委", "sms"), ("赵纪委", "notice"), ("钱纪委", "notice")])
    params = [p for _phone, p in sms_rows()]
    assert len(params) == 4 and {p["kind"] for p in params} == {"整改逾期"}
    assert f"整改期限{late.deadline.isoformat()}" in {p["step"] for p in params}
    assert inbox(staff.supervisor).count(("预警：整改逾期", warning.message)) == 1


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_warn_of_an_overdue_rectification_once(needs_sms, dtown, beigou, staff, sms_at_any_hour,
                                                                  monkeypatch):
    sms_at_any_hour(dtown)
    record = record_gate.open_record(make_matter(dtown), beigou, staff.shuji, "北沟村 2027 年道路硬化", Decimal("380000"))
    orders = [overdue_rectification(record, staff, f"整改事项{n}") for n in range(3)]
    # Both sweeps read the same unwarned orders and reach the insert of the first one together.
    raised, errors = two_sweeps_at_once(monkeypatch, rectification_warnings, "_words",
                                        lambda: rectification_warnings.sweep_rectifications(dtown))
    assert errors == [] and sum(raised) == 3
    assert sorted(RecordWarning.objects.values_list("rectification_id", flat=True)) == sorted(o.pk for o in orders)
    assert sorted(phone for phone, _params in sms_rows()) == sorted([DIRECTOR_PHONE, SUPERVISOR_PHONE] * 3)


@pytest.mark.worker
def test_a_real_worker_warns_of_an_overdue_rectification_once_when_the_sweep_runs_twice(
    needs_sms, sms_provider, celery_worker, dtown, beigou, staff, sms_at_any_hour
):
    sms_at_any_hour(dtown)
    SupervisorMobile.objects.create(town=dtown, user=staff.deputy, phone=DEPUTY_PHONE)
    record = record_gate.open_record(make_matter(dtown), beigou, staff.shuji, "北沟村 2027 年道路硬化", Decimal("380000"))
    order = overdue_rectification(record, staff)
    record_warning_sweep.delay()
    record_warning_sweep.delay()
    messages = sms_provider.wait_for(3)
    time.sleep(2)  # room for the second run to send anything it (wrongly) would
    assert sorted(m["PhoneNumbers"] for m in sms_provider.messages) == sorted([DIRECTOR_PHONE, DEPUTY_PHONE, SUPERVISOR_PHONE])
    assert messages[0]["params"]["code"] == record.tracking_code and messages[0]["params"]["kind"] == "整改逾期"
    assert record_warning_sweep() == {dtown.slug: 0}
    assert RecordWarning.objects.filter(rectification=order).count() == 1
    assert RecordWarning.objects.filter(record=record).count() == 1  # the record's first step is not late
