import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from appeals.deadlines import Deadline, sweep
from appeals.models import State
from appeals.workflow import transition
from tests.appeals.test_calendar import at
from cunwu.notifications.models import Notification


def fired(case):
    return sorted(Deadline.objects.filter(case=case).exclude(fired_at=None).values_list("step__to_state", "kind"))


@pytest.fixture
def people(appeals_town, make_user):
    from cunwu.towns.models import Role

    return {
        "handler": make_user("handler", appeals_town, Role.VILLAGE_STAFF, appeals_town.villages.get(name="北沟村")),
        "supervisor": make_user("supervisor", appeals_town, Role.SUPERVISOR),
    }


@pytest.mark.django_db
def test_reminder_warning_and_escalation_fire_once_and_stop_on_acceptance(new_case, people):
    with time_machine.travel(at(2026, 3, 2, 9), tick=False):  # Monday 09:00
        case = new_case()  # yellow: 8 working hours to accept (warn Mon 17:00, escalate Tue 13:00), 5 days to resolve
    with time_machine.travel(at(2026, 3, 2, 16), tick=False):
        assert sweep() == 1 and sweep() == 0
    assert fired(case) == [("submitted", "remind")]
    assert Notification.objects.filter(recipient=people["handler"], subject=f"提醒经办人：诉求 {case.number}").count() == 1
    with time_machine.travel(at(2026, 3, 2, 17, 30), tick=False):
        assert sweep() == 1
        assert Notification.objects.filter(recipient=people["supervisor"], subject=f"预警：村监委主任：诉求 {case.number}").count() == 1
        case = transition(case, State.ACCEPTED, people["handler"])
    with time_machine.travel(at(2026, 3, 4, 12), tick=False):
        sweep()  # the acceptance step's reminder (80% of 5 days) is not due yet, and escalation was cancelled
    assert fired(case) == [("submitted", "remind"), ("submitted", "warn")]
    assert Deadline.objects.filter(case=case, step__to_state="submitted", kind="escalate").exclude(cancelled_at=None).exists()
    with time_machine.travel(at(2026, 3, 10, 10), tick=False):
        case = transition(case, State.IN_PROGRESS, people["handler"])  # starting work keeps the resolution timers
        sweep()
    assert ("accepted", "remind") in fired(case) and ("accepted", "warn") in fired(case)
    with time_machine.travel(at(2026, 3, 10, 11), tick=False):
        transition(case, State.RESOLVED, people["handler"], "已办结")
    with time_machine.travel(at(2026, 4, 1), tick=False):
        assert sweep() == 0
    assert not Deadline.objects.filter(case=case, fired_at=None, cancelled_at=None).exists()


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_fire_each_deadline_once(new_case, people):
    start = timezone.now()
    cases = [new_case() for _ in range(20)]
    counts, errors = [], []
    barrier = threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            counts.append(sweep(batch=5))
        except Exception as exc:  # noqa: BLE001 — surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    with time_machine.travel(start + timedelta(days=20), tick=False):  # the clock is process-wide: travel once
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == [] and sum(counts) == 60
    assert Deadline.objects.exclude(fired_at=None).count() == 60
    supervisor_notices = Notification.objects.filter(recipient=people["supervisor"])
    # per case: one warning and one escalation reach the supervisor, never twice
    assert supervisor_notices.count() == 2 * len(cases)


@pytest.mark.django_db
def test_a_deadline_that_cannot_fire_is_logged_and_the_others_still_fire(new_case, people, monkeypatch, caplog):
    """The sweep crosses towns: one case's failure (here its staff alert) must not hold back anyone else's."""
    from appeals import staff

    with time_machine.travel(at(2026, 3, 2, 9), tick=False):
        broken, other = new_case(content="申请低保甲"), new_case(content="申请低保乙")
    queue_alert = staff.queue_alert

    def failing_for_broken(case, *args, **kwargs):
        if case.pk == broken.pk:
            raise RuntimeError("alert service down for this case")
        return queue_alert(case, *args, **kwargs)

    monkeypatch.setattr(staff, "queue_alert", failing_for_broken)
    with time_machine.travel(at(2026, 3, 2, 16), tick=False), caplog.at_level("ERROR", logger="appeals.deadlines"):
        assert sweep() == 1
    assert fired(broken) == [] and fired(other) == [("submitted", "remind")]
    assert any(broken.number in record.getMessage() for record in caplog.records)

    monkeypatch.setattr(staff, "queue_alert", queue_alert)
    with time_machine.travel(at(2026, 3, 2, 16, 1), tick=False):
        assert sweep() == 1  # retried on the next sweep
    assert fired(broken) == [("submitted", "remind")]
