import threading

import pytest
from django.db import connection
from django.utils import timezone

from appeals.models import Case, State
from appeals.numbering import next_number
from appeals.workflow import IllegalTransition, transition


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_submissions_get_fifty_distinct_numbers(appeals_town, new_case):
    numbers, errors = [], []
    start = threading.Barrier(50)

    def submit_one():
        try:
            start.wait()
            numbers.append(new_case().number)
        except Exception as exc:  # noqa: BLE001 — surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit_one) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    today = timezone.localdate().strftime("%Y%m%d")
    assert sorted(numbers) == [f"{today}{n:03d}" for n in range(1, 51)]
    assert Case.objects.filter(town=appeals_town).count() == 50


@pytest.mark.django_db
def test_numbers_restart_each_day_and_are_per_town(appeals_town, other_town):
    first = next_number(appeals_town, timezone.make_aware(timezone.datetime(2022, 7, 13, 9)))
    second = next_number(appeals_town, timezone.make_aware(timezone.datetime(2022, 7, 13, 23)))
    assert (first, second) == ("20220713001", "20220713002")
    assert next_number(other_town, timezone.make_aware(timezone.datetime(2022, 7, 13, 9))) == "20220713001"
    assert next_number(appeals_town, timezone.make_aware(timezone.datetime(2022, 7, 14, 9))) == "20220714001"


@pytest.mark.django_db
def test_state_machine_refuses_skipped_steps_and_logs_each_step(new_case, make_user, appeals_town):
    from cunwu.towns.models import Role

    handler = make_user("handler", appeals_town, Role.VILLAGE_STAFF)
    case = new_case()
    with pytest.raises(IllegalTransition, match="不能"):
        transition(case, State.RESOLVED, handler, "done")
    case = transition(case, State.ACCEPTED, handler)
    with pytest.raises(IllegalTransition, match="书面答复"):
        transition(case, State.IN_PROGRESS, handler) and transition(case, State.RESOLVED, handler, "  ")
    case = transition(case, State.RESOLVED, handler, "已发放救助金")
    assert case.state == State.RESOLVED and case.handler == handler
    steps = list(case.transitions.values_list("from_state", "to_state", "actor__username"))
    assert steps == [
        ("", "submitted", None), ("submitted", "accepted", "handler"),
        ("accepted", "in_progress", "handler"), ("in_progress", "resolved", "handler"),
    ]


@pytest.mark.django_db
def test_rejection_needs_a_reason(new_case):
    case = new_case()
    with pytest.raises(IllegalTransition, match="理由"):
        transition(case, State.REJECTED, note="")
    case = transition(case, State.REJECTED, note="不属于本镇受理范围")
    assert case.reject_reason == "不属于本镇受理范围"
    with pytest.raises(IllegalTransition):
        transition(case, State.ACCEPTED)
