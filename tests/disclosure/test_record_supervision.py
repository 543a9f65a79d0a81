"""Supervision of a power record: the town's discipline supervisor writes opinions and orders a rectification with
a deadline in working days; the village reports it done; the supervisor closes it or sends it back. A supervisor of
another town, or a cadre, cannot; supervising changes nothing of the record's steps."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from cunwu.plugins import api
from cunwu.towns.models import Role
from disclosure import record_gate, record_supervision
from disclosure.models import Rectification, RectificationState, SupervisionOpinion
from tests.disclosure.test_record_gate import make_matter, people, refused, snapshot  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def road(dtown, beigou, people):  # noqa: F811
    return record_gate.open_record(make_matter(dtown), beigou, people.shuji, "北沟村 2027 年道路硬化", Decimal("380000"))


@pytest.fixture
def supervisor(dtown, make_user):
    return make_user("jijian", dtown, Role.SUPERVISOR)


def test_the_supervisor_writes_an_opinion_kept_with_their_role_and_the_steps_do_not_change(road, supervisor):
    before = snapshot(road)[:3]
    opinion = record_supervision.add_opinion(road, supervisor, "  请补充村民代表会议签到表。 ")
    assert SupervisionOpinion.objects.get(pk=opinion.pk).text == "请补充村民代表会议签到表。"
    assert opinion.author_role  # "纪检监督员": who wrote it, as what, stays with it
    assert snapshot(road)[:3] == before
    assert ModelLogEntry.objects.filter(object_id=str(road.pk), action="disclosure.record_opinion").count() == 1
    assert "写" in refused(record_supervision.add_opinion, road, supervisor, "   ")


def test_cadres_and_other_towns_supervisors_may_not_supervise(road, people, other_town, make_user, enable_plugin):  # noqa: F811
    enable_plugin(other_town, "disclosure")
    stranger = make_user("waizhen-jijian", other_town, Role.SUPERVISOR)
    for user in (people.shuji, people.clerk, stranger):
        with pytest.raises(PermissionDenied):
            record_supervision.add_opinion(road, user, "意见")
        with pytest.raises(PermissionDenied):
            record_supervision.order_rectification(road, user, "整改", working_days=5)
    assert not SupervisionOpinion.objects.exists() and not Rectification.objects.exists()


def test_a_rectification_runs_ordered_reported_sent_back_reported_closed(road, people, supervisor, dtown):  # noqa: F811
    order = record_supervision.order_rectification(road, supervisor, "公示材料缺少合同金额，限期补正。", working_days=5)
    today = api.town_today(dtown)
    assert order.deadline == api.add_working_days(dtown, today, 5) and order.deadline > today
    assert order.state == RectificationState.ORDERED

    # only the village reports it done, and only with what was done; the supervisor cannot close it before
    with pytest.raises(PermissionDenied):
        record_supervision.report_done(order, supervisor, "已补正")
    assert "报" in refused(record_supervision.close, order, supervisor)
    assert refused(record_supervision.report_done, order, people.clerk, "")
    order = record_supervision.report_done(order, people.clerk, "已在公开栏补充合同金额 38 万元。")
    assert order.state == RectificationState.REPORTED and order.reported_by == people.clerk

    order = record_supervision.send_back(order, supervisor, "照片不清晰。")
    assert (order.state, order.returned_count, order.returned_reason) == (RectificationState.ORDERED, 1, "照片不清晰。")
    assert order.requirement == "公示材料缺少合同金额，限期补正。"  # what was ordered is never rewritten

    record_supervision.report_done(order, people.clerk, "重新拍照上传。")
    order = record_supervision.close(order, supervisor)
    assert order.state == RectificationState.CLOSED and order.closed_by == supervisor
    assert refused(record_supervision.send_back, order, supervisor, "再改")  # closed stays closed
    actions = list(ModelLogEntry.objects.filter(object_id=str(road.pk), action__startswith="disclosure.record_rect")
                   .order_by("pk").values_list("action", flat=True))
    assert [a.rsplit("_", 1)[1] for a in actions] == ["ordered", "reported", "returned", "reported", "closed"]


def test_a_deadline_must_be_given_and_after_today(road, supervisor, dtown):
    assert refused(record_supervision.order_rectification, road, supervisor, "整改")
    today = api.town_today(dtown)
    assert refused(record_supervision.order_rectification, road, supervisor, "整改", deadline=today)
    order = record_supervision.order_rectification(road, supervisor, "整改", deadline=today + datetime.timedelta(days=3))
    assert order.deadline == today + datetime.timedelta(days=3)


def test_the_board_lists_open_rectifications_overdue_first(road, supervisor, dtown, people):  # noqa: F811
    today = api.town_today(dtown)
    late = record_supervision.order_rectification(road, supervisor, "逾期的", deadline=today + datetime.timedelta(days=1))
    Rectification.objects.filter(pk=late.pk).update(deadline=today - datetime.timedelta(days=2))
    soon = record_supervision.order_rectification(road, supervisor, "未到期", deadline=today + datetime.timedelta(days=9))
    done = record_supervision.order_rectification(road, supervisor, "已整改", deadline=today + datetime.timedelta(days=4))
    record_supervision.report_done(done, people.clerk, "改好了")
    record_supervision.close(done, supervisor)
    assert [(row.pk, overdue) for row, overdue in record_supervision.open_rectifications(dtown)] == [
        (late.pk, True), (soon.pk, False)]


def test_the_villages_supervision_committee_supervises_its_own_village_only(road, dtown, beigou, make_user):
    from cunwu.towns.committee import set_committee

    other = dtown.villages.exclude(pk=beigou.pk).first()
    director, member, neighbour = make_user("beigou-zhuren"), make_user("beigou-jianwei"), make_user("other-zhuren")
    set_committee(beigou, [member], director)
    set_committee(other, [], neighbour)
    assert list(api.committee_directors(beigou)) == [director]
    record_supervision.add_opinion(road, member, "资金使用情况请在村务公开栏公示。")
    order = record_supervision.order_rectification(road, director, "补公示", working_days=3)
    with pytest.raises(PermissionDenied):
        record_supervision.add_opinion(road, neighbour, "别村的意见")
    with pytest.raises(PermissionDenied):
        record_supervision.report_done(order, director, "监督委员会不能替村里报告整改")
    assert SupervisionOpinion.objects.filter(record=road).count() == 1
