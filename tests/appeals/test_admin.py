from datetime import timedelta

import pytest
from django.utils import timezone

from appeals.models import Case, State

pytestmark = pytest.mark.django_db

LIST = "/admin/appeals/case/"


def handle_url(case):
    return f"/admin/appeals/case/{case.pk}/"


@pytest.fixture
def staff(appeals_town, make_user):
    from cunwu.towns.models import Role

    beigou = appeals_town.villages.get(name="北沟村")
    return {
        "handler": make_user("handler", appeals_town, Role.VILLAGE_STAFF, beigou),
        "xiangyang": make_user("xy_staff", appeals_town, Role.VILLAGE_STAFF, appeals_town.villages.get(name="向阳村")),
        "supervisor": make_user("supervisor", appeals_town, Role.SUPERVISOR),
    }


def numbers(response):
    return {case.number for case in response.context["object_list"]}


def test_handler_accepts_starts_and_resolves_a_case(client, staff, new_case):
    case = new_case()
    client.force_login(staff["handler"])
    page = client.get(handle_url(case))
    assert page.status_code == 200 and "受理" in page.content.decode()
    assert client.post(handle_url(case), {"action": "accept"}).status_code == 302
    assert client.post(handle_url(case), {"action": "start"}).status_code == 302
    done = client.post(handle_url(case), {"action": "resolve", "note": "已发放救助金"}, follow=True)
    assert "已办结" in done.content.decode() or Case.objects.get(pk=case.pk).state == State.RESOLVED
    case.refresh_from_db()
    assert case.state == State.RESOLVED and case.response == "已发放救助金" and case.handler == staff["handler"]
    assert case.due_at is None
    assert list(case.transitions.values_list("actor__username", flat=True)) == [None, "handler", "handler", "handler"]


def test_illegal_or_incomplete_transitions_are_refused_with_a_chinese_message(client, staff, new_case):
    case = new_case()
    client.force_login(staff["handler"])
    skipped = client.post(handle_url(case), {"action": "resolve", "note": "跳步"})
    assert skipped.status_code == 400 and "不能" in skipped.content.decode()
    no_reason = client.post(handle_url(case), {"action": "reject", "note": "   "})
    assert no_reason.status_code == 400 and "理由" in no_reason.content.decode()
    bogus = client.post(handle_url(case), {"action": "delete"})
    assert bogus.status_code == 400
    case.refresh_from_db()
    assert case.state == State.SUBMITTED and case.transitions.count() == 1 and case.reject_reason == ""
    # the free edit form cannot bypass the workflow
    assert client.post(f"/admin/appeals/case/edit/{case.pk}/", {"state": "resolved"}).status_code == 302
    assert Case.objects.get(pk=case.pk).state == State.SUBMITTED


def test_rejection_with_reason_is_recorded(client, staff, new_case):
    case = new_case()
    client.force_login(staff["handler"])
    assert client.post(handle_url(case), {"action": "reject", "note": "不属于本村事务"}).status_code == 302
    case.refresh_from_db()
    assert case.state == State.REJECTED and case.reject_reason == "不属于本村事务"


def test_work_list_filters_and_search(client, staff, new_case, appeals_town):
    from appeals.models import Category

    late = new_case(content="迟了")
    Case.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(hours=1), level="red")
    other_category = Category.objects.get(town=appeals_town, name="村务公开")
    report = new_case(kind="report", category=other_category, content="举报")
    xiangyang = new_case(village=appeals_town.villages.get(name="向阳村"))
    client.force_login(staff["supervisor"])
    assert numbers(client.get(LIST)) == {late.number, report.number, xiangyang.number}
    assert numbers(client.get(LIST, {"overdue": "yes"})) == {late.number}
    assert numbers(client.get(LIST, {"overdue": "no"})) == {report.number, xiangyang.number}
    assert numbers(client.get(LIST, {"level": "red"})) == {late.number}
    assert numbers(client.get(LIST, {"category": other_category.pk})) == {report.number}
    assert numbers(client.get(LIST, {"village": xiangyang.village_id})) == {xiangyang.number}
    assert numbers(client.get(LIST, {"q": report.number})) == {report.number}
    transition_accept = client.get(LIST, {"state": "submitted"})
    assert numbers(transition_accept) == {late.number, report.number, xiangyang.number}
    assert "超期" in client.get(LIST).content.decode()


def test_handlers_see_only_their_villages_and_other_towns_see_nothing(client, staff, new_case, appeals_town, other_town,
                                                                    enable_plugin, make_user):
    from cunwu.towns.models import Role

    mine = new_case()
    client.force_login(staff["xiangyang"])
    assert mine.number not in numbers(client.get(LIST))
    assert client.get(handle_url(mine)).status_code == 404
    assert client.post(handle_url(mine), {"action": "accept"}).status_code == 404
    enable_plugin(other_town, "appeals")
    outsider = make_user("liuhe_admin", other_town, Role.TOWN_ADMIN)
    client.force_login(outsider)
    assert numbers(client.get(LIST)) == set()
    assert client.get(handle_url(mine)).status_code == 404
    assert Case.objects.get(pk=mine.pk).state == State.SUBMITTED


def test_supervisor_reads_everything_but_cannot_change(client, staff, new_case):
    case = new_case()
    client.force_login(staff["supervisor"])
    page = client.get(handle_url(case))
    assert page.status_code == 200 and "只读" in page.content.decode() and 'name="action"' not in page.content.decode()
    assert client.post(handle_url(case), {"action": "accept"}).status_code == 403
    assert Case.objects.get(pk=case.pk).state == State.SUBMITTED
