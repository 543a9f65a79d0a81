"""Staff set and change a case's level on the case screen; the trail records it and the limits follow the level."""

import pytest
import time_machine

from appeals.deadlines import Deadline, sweep
from appeals.models import Case, Category, State
from appeals.workflow import transition
from tests.appeals.test_calendar import at

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


@pytest.fixture
def staff(appeals_town, make_user):
    from cunwu.towns.models import Role

    return {
        "handler": make_user("handler", appeals_town, Role.VILLAGE_STAFF, appeals_town.villages.get(name="北沟村")),
        "supervisor": make_user("supervisor", appeals_town, Role.SUPERVISOR),
    }


def url(case):
    return f"/admin/appeals/case/{case.pk}/"


def pending(case):
    return dict(Deadline.objects.filter(case=case, fired_at=None, cancelled_at=None).values_list("kind", "due_at"))


def test_level_set_and_changed_on_the_case_screen_recomputes_pending_limits_on_the_working_calendar(client, staff, new_case):
    with time_machine.travel(at(2026, 3, 2, 9), tick=False):  # Monday 09:00, office 09:00–17:00
        case = new_case()
    assert case.level == "yellow" and case.due_at == at(2026, 3, 2, 17)  # yellow: 8 working hours to accept
    client.force_login(staff["handler"])
    screen = client.get(url(case)).content.decode()
    assert 'data-testid="triage"' in screen and "黄色" in screen

    with time_machine.travel(at(2026, 3, 2, 11), tick=False):
        done = client.post(url(case), {"action": "triage", "level": "red", "note": "道路塌陷，有安全隐患"}, follow=True)
    assert done.status_code == 200 and "红色" in done.content.decode()
    case.refresh_from_db()
    # red: 4 working hours from the submission at 09:00, not from the change at 11:00
    assert case.level == "red" and case.due_at == case.accept_due_at == at(2026, 3, 2, 13)
    assert pending(case) == {"remind": at(2026, 3, 2, 12, 12), "warn": at(2026, 3, 2, 13), "escalate": at(2026, 3, 2, 15)}
    step = case.transitions.last()
    assert (step.from_level, step.to_level, step.actor, step.note) == ("yellow", "red", staff["handler"], "道路塌陷，有安全隐患")
    assert step.from_state == step.to_state == State.SUBMITTED
    assert step.at == at(2026, 3, 2, 11)
    trail = client.get(url(case)).content.decode()
    assert "级别: 黄色" in trail and "级别: 红色" in trail and "道路塌陷，有安全隐患" in trail
    public = client.get(f"/p/appeals/c/{case.token}/", HTTP_HOST="localhost").content.decode()
    assert public.count("<li><strong>") == 1 and "道路塌陷，有安全隐患" not in public  # the triage is staff business

    with time_machine.travel(at(2026, 3, 2, 12, 30), tick=False):
        assert sweep() == 1  # the red reminder (12:12); the old yellow timers were cancelled and stay silent
    with time_machine.travel(at(2026, 3, 2, 12, 40), tick=False):
        assert client.post(url(case), {"action": "triage", "level": "green", "note": "已设置警示，可正常办理"}).status_code == 302
    case.refresh_from_db()
    # green: 16 working hours from Monday 09:00 → Tuesday 17:00; the reminder already sent is not sent again
    assert case.due_at == at(2026, 3, 3, 17)
    assert pending(case) == {"warn": at(2026, 3, 3, 17), "escalate": at(2026, 3, 4, 17)}

    with time_machine.travel(at(2026, 3, 2, 14), tick=False):
        case = transition(case, State.ACCEPTED, staff["handler"])
    with time_machine.travel(at(2026, 3, 2, 15), tick=False):
        assert client.post(url(case), {"action": "triage", "level": "red", "note": "群众再次反映"}).status_code == 302
    case.refresh_from_db()
    # red resolves in one working day (8 h) counted from the acceptance at Monday 14:00 → Tuesday 14:00
    assert case.due_at == case.resolve_due_at == at(2026, 3, 3, 14)
    assert case.accept_due_at == at(2026, 3, 3, 17)  # the acceptance limit it was accepted under stays on record
    assert pending(case)["warn"] == at(2026, 3, 3, 14)
    assert list(case.transitions.exclude(to_level="").values_list("to_level", flat=True)) == ["red", "green", "red"]


def test_a_new_case_starts_at_its_categorys_default_level(appeals_town, new_case):
    category = Category.objects.get(town=appeals_town, name="低保救助")
    category.default_level = "red"
    category.save()
    with time_machine.travel(at(2026, 3, 2, 9), tick=False):
        case = new_case()
    assert case.level == "red" and case.due_at == at(2026, 3, 2, 13)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"level": "red", "note": "  "}, "理由"),
        ({"level": "yellow", "note": "再次确认"}, "已是"),
        ({"level": "purple", "note": "乱填"}, "请选择级别"),
        ({"note": "没选级别"}, "请选择级别"),
    ],
)
def test_refused_triage_is_a_chinese_400_and_changes_nothing(client, staff, new_case, data, message):
    case = new_case()
    before = (case.level, case.due_at, case.transitions.count(), pending(case))
    client.force_login(staff["handler"])
    response = client.post(url(case), {"action": "triage", **data})
    assert response.status_code == 400 and message in response.content.decode()
    case.refresh_from_db()
    assert (case.level, case.due_at, case.transitions.count(), pending(case)) == before


def test_supervisors_cannot_triage_and_closed_cases_keep_their_level(client, staff, new_case):
    case = new_case()
    client.force_login(staff["supervisor"])
    assert 'data-testid="triage"' not in client.get(url(case)).content.decode()
    refused = client.post(url(case), {"action": "triage", "level": "red", "note": "监督"})
    assert refused.status_code == 403 and "只读" in refused.content.decode()
    assert Case.objects.get(pk=case.pk).level == "yellow"

    rejected = transition(case, State.REJECTED, staff["handler"], "不属于本村事务")
    client.force_login(staff["handler"])
    assert 'data-testid="triage"' not in client.get(url(rejected)).content.decode()
    late = client.post(url(rejected), {"action": "triage", "level": "red", "note": "补录"})
    assert late.status_code == 400 and "办理中" in late.content.decode()
    assert Case.objects.get(pk=case.pk).level == "yellow" and not case.transitions.exclude(to_level="").exists()


def test_work_list_shows_the_level_by_name_and_colour_and_highlights_overdue_cases(client, staff, new_case, appeals_town):
    from datetime import timedelta

    from django.utils import timezone

    late = new_case(content="迟了")
    Case.objects.filter(pk=late.pk).update(level="red", due_at=timezone.now() - timedelta(hours=1))
    new_case(content="按时")
    client.force_login(staff["handler"])
    page = client.get("/admin/appeals/case/").content.decode()
    assert page.count('class="appeals-level-badge"') == 2
    assert "红色" in page and "黄色" in page and "#c0392b" in page
    assert page.count('data-overdue="1"') == 1 and "超期" in page
