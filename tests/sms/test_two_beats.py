"""Two beats by mistake (two beat processes, or one restarted while the old one still runs): every periodic sweep
then runs twice at the same moment, on two worker processes. Nobody gets an SMS twice, no case is escalated
twice, no visit is counted twice or lost."""

import time
from datetime import timedelta

import pytest
import redis
from django.db import connection, transaction
from django.utils import timezone

from appeals.deadlines import Deadline
from appeals.staff import StaffPhone
from appeals.tasks import deadline_sweep
from cunwu.notifications.models import Notification
from cunwu.pages.models import SectionPage
from cunwu.visits.counter import record_visit
from cunwu.visits.models import VisitCount
from cunwu.visits.tasks import flush_visits
from sms.models import SmsMessage, SmsStatus
from sms.service import sms
from sms.tasks import sms_sweep
from tests.support.worker import CeleryWorker

OUTBOX_ROWS = 30
CASES = 4
ROUNDS = 4
VISITS_PER_ROUND = 25


def _wait(condition, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _both_beats_fire():
    """What each of two beats sends at the same tick, back to back: every sweep twice."""
    for _beat in range(2):
        sms_sweep.delay()
        deadline_sweep.delay()
        flush_visits.delay()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_two_beats_send_no_duplicate_sms_escalation_or_visit(sms_http, redis_url, new_case, appeals_town, make_user, monkeypatch):
    from cunwu.towns.models import Role

    monkeypatch.setenv("CUNWU_SMS_LEASE_SECONDS", "60")  # well above a send's time: a lost lease is not this test
    supervisor = make_user("supervisor", appeals_town, Role.SUPERVISOR)
    StaffPhone.objects.create(town=appeals_town, user=supervisor, phone="+8613700001111")
    cases = [new_case(phone=f"+86138000000{n:02d}") for n in range(CASES)]
    Deadline.objects.filter(case__in=cases).update(due_at=timezone.now() - timedelta(minutes=1))  # all overdue
    with transaction.atomic():
        for n in range(OUTBOX_ROWS):
            sms.send(appeals_town, f"+86139{n:08d}", "two_beats_notice", {"n": n})
    # Only the sweeps send: drop the send tasks queued on commit.
    assert redis.Redis.from_url(redis_url).flushdb()
    section = SectionPage.objects.descendant_of(appeals_town.root_page).get(slug="cunwu-gongkai")

    # Two worker processes, each taking one task at a time, so the doubled sweeps run side by side.
    workers = [CeleryWorker(connection.settings_dict["NAME"], extra_args=("--prefetch-multiplier", "1")) for _ in range(2)]
    try:
        for n, worker in enumerate(workers):
            worker.log_path = worker.log_path.with_name(f"{worker.log_path.stem}-{n}.log")  # each its own " ready."
            worker.log_path.unlink(missing_ok=True)
            worker.start()
        for _round in range(ROUNDS):
            for _visit in range(VISITS_PER_ROUND):
                record_visit(appeals_town, section)
            _both_beats_fire()
        _wait(lambda: not SmsMessage.objects.filter(status__in=[SmsStatus.PENDING, SmsStatus.SENDING]).exists(),
              "the outbox to empty")
        _wait(lambda: not Deadline.objects.filter(case__in=cases, fired_at=None, cancelled_at=None).exists(), "deadlines")
        _both_beats_fire()  # the escalation digest queued by the deadlines, and one more tick after everything
        _wait(lambda: not SmsMessage.objects.filter(status__in=[SmsStatus.PENDING, SmsStatus.SENDING]).exists(),
              "the digest")
        _wait(lambda: (VisitCount.objects.filter(town=appeals_town, page=section).values_list("count", flat=True).first() or 0)
              >= ROUNDS * VISITS_PER_ROUND, "the visits")
        _both_beats_fire()
        _wait(lambda: not redis.Redis.from_url(redis_url).llen(workers[0].queue), "the last tick to be taken")
        time.sleep(1)  # the last tick runs: it must find nothing to send, fire or count
    finally:
        for worker in workers:
            worker.stop()

    # At the provider: one message per outbox row, none twice.
    out_ids = [message["OutId"] for message in sms_http.messages]
    assert len(out_ids) == len(set(out_ids)) == SmsMessage.objects.count() == OUTBOX_ROWS + CASES + 1
    assert sorted(m["PhoneNumbers"] for m in sms_http.messages if m["TemplateCode"] == "two_beats_notice") == [
        f"139{n:08d}" for n in range(OUTBOX_ROWS)
    ]
    digests = [m for m in sms_http.messages if m["TemplateCode"] == "appeal_escalation_digest"]
    assert len(digests) == 1 and digests[0]["params"]["count"] == CASES
    # One warning and one escalation per overdue case in the supervisor's inbox, each timer fired once.
    assert Deadline.objects.filter(case__in=cases).exclude(fired_at=None).count() == 3 * CASES
    notices = Notification.objects.filter(recipient=supervisor).exclude(subject__startswith="新诉求")
    assert notices.count() == 2 * CASES == len(set(notices.values_list("subject", flat=True)))
    # Visits: exactly what was recorded, on the page and the town.
    assert VisitCount.objects.get(town=appeals_town, page=section).count == ROUNDS * VISITS_PER_ROUND
    assert VisitCount.objects.get(town=appeals_town, page=None).count == ROUNDS * VISITS_PER_ROUND
