"""Proof that the outbox and the deadline rows, not Redis, hold the truth; and that acceptance beats a firing deadline."""

import threading
import time
from datetime import timedelta

import pytest
import redis
import time_machine
from django.conf import settings
from django.db import connection
from django.utils import timezone

from appeals.deadlines import Deadline, sweep
from appeals.models import Case, State
from appeals.staff import StaffPhone
from appeals.tasks import deadline_sweep
from sms.tasks import sms_sweep
from appeals.workflow import transition
from cunwu.notifications.models import Notification
from tests.support.worker import CeleryWorker


def _wait(condition, what, timeout=40):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def people(appeals_town, make_user):
    from cunwu.towns.models import Role

    return {
        "handler": make_user("handler", appeals_town, Role.VILLAGE_STAFF, appeals_town.villages.get(name="北沟村")),
        "supervisor": make_user("supervisor", appeals_town, Role.SUPERVISOR),
    }


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_redis_flushed_after_submission_every_sms_and_deadline_still_fires_once(sms_http, redis_url, new_case, people, appeals_town):
    StaffPhone.objects.create(town=appeals_town, user=people["supervisor"], phone="+8613700001111")
    cases = [new_case(phone=f"+86138000000{n:02d}") for n in range(5)]  # each queues its SMS task in Redis on commit
    # Time passes: the submission steps' timers are all due now (the rows were written with the submissions).
    Deadline.objects.filter(case__in=cases).update(due_at=timezone.now() - timedelta(minutes=1))
    assert redis.Redis.from_url(redis_url).flushdb()  # every queued send task is gone

    worker = CeleryWorker(connection.settings_dict["NAME"]).start()
    try:
        for _ in range(2):  # beat would send these every 30 s / 60 s; twice proves a repeat is harmless
            sms_sweep.delay()
            deadline_sweep.delay()
        _wait(lambda: not Deadline.objects.filter(case__in=cases, fired_at=None, cancelled_at=None).exists(), "deadlines")
        # 5 villager confirmations + one escalation digest to the supervisor (alerts batched per 15 minutes)
        sms_http.wait_for(6)
        sms_sweep.delay()
        time.sleep(1.5)  # a third sweep after everything was sent must send nothing again
    finally:
        worker.stop()

    assert Deadline.objects.filter(case__in=cases).exclude(fired_at=None).count() == 3 * len(cases)
    out_ids = [message["OutId"] for message in sms_http.messages]
    assert len(out_ids) == 6 == len(set(out_ids))
    assert sorted(m["PhoneNumbers"] for m in sms_http.messages if m["TemplateCode"] == "appeal_submitted") == [
        f"138000000{n:02d}" for n in range(5)
    ]
    digest = next(m for m in sms_http.messages if m["TemplateCode"] == "appeal_escalation_digest")
    assert digest["PhoneNumbers"] == "13700001111" and digest["params"]["count"] == 5
    # the supervisor's inbox: one early warning and one escalation per case, never twice
    assert Notification.objects.filter(recipient=people["supervisor"]).exclude(subject__startswith="新诉求").count() == 2 * len(cases)


@pytest.mark.django_db(transaction=True)
def test_case_accepted_while_its_deadline_fires_gets_no_escalation_after_acceptance(new_case, people):
    cases = [new_case() for _ in range(12)]
    errors = []
    barrier = threading.Barrier(2)

    def accept_all():
        try:
            barrier.wait()
            for case in cases:
                transition(case, State.ACCEPTED, people["handler"])
        except Exception as exc:  # noqa: BLE001 — surfaced below
            errors.append(exc)
        finally:
            connection.close()

    def sweep_all():
        try:
            barrier.wait()
            for _ in range(40):
                sweep(batch=1)  # one deadline per transaction: the most chances to interleave with acceptances
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    # Every timer of the submission step (remind, warn, escalate) is due; the clock ticks so order is visible.
    with time_machine.travel(timezone.now() + timedelta(days=20)):
        threads = [threading.Thread(target=accept_all), threading.Thread(target=sweep_all)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []

    for case in Case.objects.filter(pk__in=[c.pk for c in cases]):
        assert case.state == State.ACCEPTED
        for deadline in Deadline.objects.filter(case=case, step__to_state=State.SUBMITTED):
            # each timer either fired before the acceptance or was cancelled by it; never both, never after
            assert (deadline.fired_at is None) != (deadline.cancelled_at is None), deadline.kind
            if deadline.fired_at:
                assert deadline.fired_at < case.accepted_at
    warned = Deadline.objects.filter(case__in=cases, kind__in=["warn", "escalate"]).exclude(fired_at=None).count()
    supervisor = Notification.objects.filter(recipient=people["supervisor"]).exclude(subject__startswith="新诉求")
    assert supervisor.count() == warned
    for notice in supervisor:  # no warning or escalation reached the supervisor after the case was accepted
        assert notice.created_at < Case.objects.get(town=notice.town, number=notice.subject.rsplit(" ", 1)[1]).accepted_at
