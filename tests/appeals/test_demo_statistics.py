import pytest

from appeals.models import Case, Category, Rating, State, Transition
from cunwu.plugins.registry import statistics_for

pytestmark = pytest.mark.django_db


def figures(town):
    return {figure.label: (figure.value, figure.unit) for figure in statistics_for(town)}


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


def test_statistics_are_per_town(appeals_town, other_town, enable_plugin):
    from appeals.demo import load

    enable_plugin(other_town, "appeals")
    load(appeals_town, list(appeals_town.villages.all()))
    assert figures(other_town)["本月受理诉求"] == (0, "件")
