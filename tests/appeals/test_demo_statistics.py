import pytest
import time_machine

from appeals.models import Case, Category, Rating, State, Transition
from cunwu.plugins.registry import statistics_for
from tests.appeals.test_calendar import at

pytestmark = pytest.mark.django_db
# Mid-month, so the demo's cases (some started days back for their limits to pass) all fall inside the month.
MID_MONTH = at(2026, 3, 20, 15)


def figures(town):
    return {figure.label: (figure.value, figure.unit) for figure in statistics_for(town)}


@time_machine.travel(MID_MONTH, tick=False)
def test_demo_loader_fills_every_state_and_is_idempotent(appeals_town):
    from appeals.demo import load

    villages = list(appeals_town.villages.all())
    load(appeals_town, villages)
    counts = (Category.objects.filter(town=appeals_town).count(), Case.objects.filter(town=appeals_town).count(),
              Transition.objects.count(), Rating.objects.count())
    load(appeals_town, villages)
    assert (Category.objects.filter(town=appeals_town).count(), Case.objects.filter(town=appeals_town).count(),
            Transition.objects.count(), Rating.objects.count()) == counts
    cases = Case.objects.filter(town=appeals_town)
    assert set(cases.values_list("state", flat=True)) == set(State.values)
    assert set(cases.values_list("village", flat=True)) == {v.pk for v in villages}
    assert sum(case.overdue for case in cases.filter(state__in=["submitted", "accepted", "in_progress"])) == 2
    assert len(set(cases.values_list("number", flat=True))) == cases.count()
    resolved = cases.get(state=State.RATED, ratings__overall="very")
    assert list(resolved.transitions.values_list("to_state", flat=True)) == [
        "submitted", "accepted", "in_progress", "resolved", "rated",
    ]
    assert resolved.created_at < resolved.accepted_at < resolved.resolved_at < resolved.closed_at
    assert cases.get(state=State.REJECTED).reject_reason


@time_machine.travel(MID_MONTH, tick=False)
def test_statistics_show_this_months_figures(appeals_town, new_case):
    from appeals.demo import load
    from appeals.workflow import rate, transition

    assert figures(appeals_town)["本月受理诉求"] == (0, "件")
    assert figures(appeals_town)["本月满意率"] == ("—", "")
    load(appeals_town, list(appeals_town.villages.all()))
    # 12 cases: resolved, 3 rated and 1 closed unrated count as resolved; ratings very/satisfied/basic/unsatisfied.
    assert figures(appeals_town) == {
        "本月受理诉求": (12, "件"), "本月办结诉求": (5, "件"), "本月满意率": (75, "%"),
    }
    case = new_case()
    for step in ("accepted", "in_progress"):
        case = transition(case, step)
    case = transition(case, "resolved", note="已办理")
    rate(case, overall="unsatisfied", method="basic", efficiency="basic", attitude="basic")
    # the new case: received; resolved then reopened by the rating, so not resolved; one more rating, unsatisfied
    assert figures(appeals_town) == {
        "本月受理诉求": (13, "件"), "本月办结诉求": (5, "件"), "本月满意率": (60, "%"),
    }


@time_machine.travel(MID_MONTH, tick=False)
def test_statistics_are_per_town_and_each_demo_town_has_its_own_cases(appeals_town, other_town, enable_plugin):
    from appeals.demo import load

    enable_plugin(other_town, "appeals")
    load(appeals_town, list(appeals_town.villages.all()))
    assert figures(other_town)["本月受理诉求"] == (0, "件")
    load(other_town, list(other_town.villages.all()))
    assert figures(other_town) == {"本月受理诉求": (7, "件"), "本月办结诉求": (3, "件"), "本月满意率": (67, "%")}
    assert figures(appeals_town)["本月受理诉求"] == (12, "件")
    theirs = set(Case.objects.filter(town=other_town).values_list("content", flat=True))
    assert theirs and not theirs & set(Case.objects.filter(town=appeals_town).values_list("content", flat=True))
    assert set(Case.objects.filter(town=other_town).values_list("village__town", flat=True)) == {other_town.pk}


def test_the_overdue_demo_case_is_really_escalated_and_shows_its_timers(client, appeals_town, make_user):
    from appeals.deadlines import Deadline
    from appeals.demo import load
    from cunwu.notifications.models import Notification
    from cunwu.towns.models import Role

    supervisor = make_user("supervisor", appeals_town, Role.SUPERVISOR)
    with time_machine.travel(MID_MONTH, tick=False):
        load(appeals_town, list(appeals_town.villages.all()))
        road = Case.objects.get(town=appeals_town, content__startswith="村口道路塌陷")
        assert road.overdue and road.state == State.SUBMITTED
        timers = Deadline.objects.filter(case=road)
        assert sorted(timers.values_list("kind", flat=True)) == ["escalate", "remind", "warn"]
        assert all(timer.fired_at for timer in timers)  # the loader's sweep fired each one, once
        escalated = Notification.objects.filter(recipient=supervisor, subject__contains=road.number)
        assert escalated.filter(subject__startswith="升级").count() == 1
        fired = Deadline.objects.exclude(fired_at=None).count()
        load(appeals_town, list(appeals_town.villages.all()))
        assert Deadline.objects.exclude(fired_at=None).count() == fired and escalated.count() == 2
        client.force_login(supervisor)
        screen = client.get(f"/admin/appeals/case/{road.pk}/").content.decode()
    assert 'data-testid="timers"' in screen and screen.count("已发送") == 3
    assert "村口道路塌陷" in screen
