"""Handlers are told of new cases by SMS; escalations reach a staff member at most once per 15 minutes."""

import pytest
import time_machine

from appeals.deadlines import sweep
from appeals.models import Case, Rating, State
from sms.models import SmsMessage
from appeals.staff import StaffPhone
from appeals.tasks import close_unrated
from appeals.workflow import transition
from cunwu.plugins.switch import plugin_settings, save_plugin_settings
from tests.appeals.test_calendar import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(appeals_town, make_user):
    from cunwu.towns.models import Role

    beigou = appeals_town.villages.get(name="北沟村")
    handler = make_user("handler", appeals_town, Role.VILLAGE_STAFF, beigou)
    beigou.staff.add(handler)
    quiet = make_user("quiet", appeals_town, Role.VILLAGE_STAFF, beigou)  # no mobile on file
    beigou.staff.add(quiet)
    supervisor = make_user("supervisor", appeals_town, Role.SUPERVISOR)
    StaffPhone.objects.create(town=appeals_town, user=handler, phone="+8613900001111")
    StaffPhone.objects.create(town=appeals_town, user=supervisor, phone="+8613900002222")
    return {"handler": handler, "supervisor": supervisor}


def texts(phone, event):
    return list(SmsMessage.objects.filter(phone=phone, event=event).order_by("pk").values_list("params", flat=True))



def test_handlers_get_new_cases_and_escalations_batched_into_one_sms_per_15_minutes(appeals_town, people, new_case):
    def configure(**values):
        save_plugin_settings(appeals_town, "appeals", {**plugin_settings(appeals_town, "appeals"), **values})

    configure(office_closes="18:00")
    with time_machine.travel(at(2026, 3, 2, 9), tick=False):
        first, second = new_case(), new_case()
    configure(yellow_accept_hours=4)
    with time_machine.travel(at(2026, 3, 2, 13, 10), tick=False):
        third = new_case()  # warning due at 17:10
    supervisor = "+8613900002222"
    with time_machine.travel(at(2026, 3, 2, 17, 5), tick=False):  # two early warnings (due 17:00) fire together
        sweep()
    assert texts(supervisor, "appeal_escalation_digest") == [{"count": 2, "numbers": f"{first.number}、{second.number}"}]
    with time_machine.travel(at(2026, 3, 2, 17, 12), tick=False):  # the third warning: inside the 15 minutes
        sweep()
    assert len(texts(supervisor, "appeal_escalation_digest")) == 1
    with time_machine.travel(at(2026, 3, 2, 17, 21), tick=False):
        sweep()
    assert texts(supervisor, "appeal_escalation_digest")[1] == {"count": 1, "numbers": third.number}
    # the handler's reminders (at 80%) came as their own digest, never one SMS per case
    assert [text["count"] for text in texts("+8613900001111", "appeal_escalation_digest")] == [3]
    numbers = [case.number for case in (first, second, third)]
    assert texts("+8613900001111", "appeal_new_case") == [{"number": n, "village": "北沟村"} for n in numbers]
    assert SmsMessage.objects.filter(event="appeal_new_case").count() == 3  # the staff member without a mobile gets none


def test_a_digest_leaves_out_a_case_accepted_while_it_waited(appeals_town, people, new_case):
    save_plugin_settings(appeals_town, "appeals", {
        **plugin_settings(appeals_town, "appeals"), "office_closes": "18:00", "yellow_accept_hours": 4,
    })
    with time_machine.travel(at(2026, 3, 2, 9), tick=False):
        first = new_case()  # warning due 13:00
    with time_machine.travel(at(2026, 3, 2, 9, 10), tick=False):
        second, third = new_case(), new_case()  # warnings due 13:10
    supervisor = "+8613900002222"
    with time_machine.travel(at(2026, 3, 2, 13, 5), tick=False):
        sweep()
    with time_machine.travel(at(2026, 3, 2, 13, 12), tick=False):  # inside the 15 minutes: the two wait
        sweep()
    assert texts(supervisor, "appeal_escalation_digest") == [{"count": 1, "numbers": first.number}]
    with time_machine.travel(at(2026, 3, 2, 13, 15), tick=False):
        transition(second, State.ACCEPTED, people["handler"], "")
    with time_machine.travel(at(2026, 3, 2, 13, 21), tick=False):
        sweep()
    assert texts(supervisor, "appeal_escalation_digest")[1] == {"count": 1, "numbers": third.number}
    with time_machine.travel(at(2026, 3, 2, 13, 40), tick=False):
        sweep()
    assert len(texts(supervisor, "appeal_escalation_digest")) == 2  # the accepted case's alert was withdrawn



def test_resolved_case_without_rating_closes_as_not_rated_after_7_days(client, people, new_case):
    from appeals.figures import figures

    case = new_case()
    with time_machine.travel(at(2026, 3, 2, 10), tick=False):
        for state, note in ((State.ACCEPTED, ""), (State.IN_PROGRESS, ""), (State.RESOLVED, "已办结")):
            case = transition(case, state, people["handler"], note)
    with time_machine.travel(at(2026, 3, 8, 10), tick=False):
        assert close_unrated() == {case.town.slug: 0}
    with time_machine.travel(at(2026, 3, 9, 11), tick=False):
        assert close_unrated() == {case.town.slug: 1}
        assert close_unrated() == {case.town.slug: 0}
    case.refresh_from_db()
    assert case.state == State.CLOSED and not Rating.objects.exists()
    page = client.get(f"/p/appeals/c/{case.token}/").content.decode()
    assert "未评价" in page and "/rate/" not in page  # no rating form on a closed case
    satisfaction = [f for f in figures(case.town) if "满意" in str(f.label)]
    assert satisfaction and satisfaction[0].value == "—"
    assert Case.objects.get(pk=case.pk).closed_at is not None
