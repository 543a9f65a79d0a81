"""Forcing a refused step closed: the town administrator, and nobody else, closes the current step over the gate with
a written reason; the step is done and marked forced, the record moves on, the audit log and both record pages keep
the reason, and exactly one FORCED early warning is raised (to the committee's director and the supervisors)."""

import re
from decimal import Decimal

import pytest
from django.utils import translation
from wagtail.models import ModelLogEntry

from cunwu.towns.models import Role
from disclosure import record_force, record_gate
from disclosure.models import RecordWarning
from tests.disclosure.test_record_admin import close_post, photo, record_url, snapshot, states, work_to_vote
from tests.disclosure.test_record_gate import make_matter, refused

pytestmark = pytest.mark.django_db
BELOW_QUORUM = {"vote-members": "30", "vote-present": "12", "vote-votes_for": "12", "vote-votes_against": "0"}
REASON = "村民代表外出务工，两次会议均不足法定人数，经镇党委研究同意先行办理。联系人 13812345678"


@pytest.fixture
def cast(dtown, beigou, make_user):
    from cunwu.towns.committee import set_committee

    people = {
        "clerk": make_user("beigou-wenshu", dtown, Role.VILLAGE_STAFF, beigou, first_name="李文书"),
        "admin": make_user("xihu-admin", dtown, Role.TOWN_ADMIN, first_name="周镇长"),
        "editor": make_user("xihu-editor", dtown, Role.TOWN_EDITOR),
        "supervisor": make_user("xihu-jiwei", dtown, Role.SUPERVISOR, first_name="赵纪委"),
        "member": make_user("beigou-jianwei", first_name="孙委员"),
        "director": make_user("beigou-jianwei-zhuren", first_name="李主任"),
    }
    set_committee(beigou, [people["member"]], people["director"])
    return type("Cast", (), people)


@pytest.fixture
def at_vote(client, dtown, beigou, cast):
    """北沟村's road record at step 4 (the representatives' vote, 2/3 quorum), worked by the clerk."""
    record = record_gate.open_record(make_matter(dtown), beigou, cast.clerk, "北沟村 2027 年道路硬化",
                                     Decimal("380000.00"), "王书记")
    client.force_login(cast.clerk)
    work_to_vote(client, record)
    refusal = client.post(record_url(record), close_post([("resolution", photo())], **BELOW_QUORUM))
    assert refusal.status_code == 400 and "不足" in refusal.content.decode()
    client.logout()
    return record


def force_post(reason):
    return {"action": "force", "force-reason": reason}


def test_the_town_administrator_forces_the_refused_step_with_a_reason_and_one_warning_is_raised(
    client, dtown, at_vote, cast
):
    client.force_login(cast.admin)
    html = client.get(record_url(at_vote)).content.decode()
    assert 'data-testid="record-force"' in html and "强制办结第4步" in html
    before = snapshot(at_vote)
    empty = client.post(record_url(at_vote), force_post("   "))
    assert empty.status_code == 400
    assert "请说明强制办结本步骤的理由" in empty.content.decode()
    assert snapshot(at_vote) == before and not RecordWarning.objects.exists()

    done = client.post(record_url(at_vote), force_post(REASON))
    assert done.status_code == 302
    page = client.get(done["Location"]).content.decode()
    assert states(page) == ["done"] * 4 + ["current", "pending", "pending"]
    assert re.search(r'data-step-number="4" data-step-state="done" data-step-forced', page)
    assert f"由镇管理员强制办结：{REASON}" in page
    step = at_vote.steps.get(number=4)
    assert (step.forced, step.forced_reason, step.closed_by) == (True, REASON, cast.admin)
    entry = ModelLogEntry.objects.get(object_id=str(at_vote.pk), action="disclosure.force_step")
    assert entry.user == cast.admin and entry.data == {"step": 4, "reason": REASON}

    warning = RecordWarning.objects.get()
    assert (warning.record, warning.step.number, warning.kind) == (at_vote, 4, "forced")
    assert warning.get_kind_display() == "强行推进步骤" and "周镇长" in warning.message and REASON in warning.message
    assert sorted(warning.recipients.values_list("name", "channel")) == [("李主任", "dashboard"), ("赵纪委", "notice")]
    # the step that is now current can be forced too, but the forced one is not warned of twice
    assert RecordWarning.objects.filter(step=step).count() == 1


def test_the_villager_sees_the_forced_step_and_its_reason_masked(client, dtown, at_vote, cast):
    record_force.force_step(at_vote, at_vote.steps.get(number=4), cast.admin, REASON)
    with translation.override("zh-hans"):
        page = client.get(f"/p/disclosure/records/{at_vote.tracking_code}/", HTTP_HOST="localhost").content.decode()
    assert re.findall(r'data-step-state="(\w+)"', page)[:5] == ["done"] * 4 + ["current"]
    assert "由镇管理员强制办结" in page and "两次会议均不足法定人数" in page
    assert "13812345678" not in page and "138****5678" in page


@pytest.mark.parametrize("who", ["clerk", "editor", "supervisor", "member", "director"])
def test_nobody_but_the_town_administrator_may_force(client, at_vote, cast, who):
    user = getattr(cast, who)
    client.force_login(user)
    html = client.get(record_url(at_vote)).content.decode()
    assert 'data-testid="record-force"' not in html
    before = snapshot(at_vote)
    answer = client.post(record_url(at_vote), force_post(REASON))
    assert answer.status_code == 403
    assert re.search("只有镇管理员可以强制办结|可以查看本记录，但不能更改", answer.content.decode())
    assert snapshot(at_vote) == before and not RecordWarning.objects.exists()
    with pytest.raises(Exception) as error:
        record_force.force_step(at_vote, at_vote.steps.get(number=4), user, REASON)
    assert type(error.value).__name__ == "PermissionDenied"


def test_the_gate_still_orders_the_steps_and_the_proposer_may_not_force(dtown, beigou, at_vote, cast):
    before = snapshot(at_vote)
    message = refused(record_force.force_step, at_vote, at_vote.steps.get(number=6), cast.admin, REASON)
    assert message == "第6步“决议公开”暂不能办理：第4步“村民代表会议决议”尚未完成。"
    own = record_gate.open_record(make_matter(dtown, code="GC-98"), beigou, cast.admin, "北沟村 路灯", None)
    message = refused(record_force.force_step, own, own.steps.get(number=1), cast.admin, REASON)
    assert "不得" in message and "三个不直接分管" in message
    assert snapshot(at_vote) == before and not RecordWarning.objects.exists()
