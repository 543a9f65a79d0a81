"""The step gate of a power record: each breach refused in Chinese with its reason and nothing changed; the quorum and
majority boundaries; separation of duties; a refused step going back; a record worked through to closed."""

import re
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.models import ModelLogEntry

from cunwu.towns.models import Role
from disclosure import matter_workflow, record_gate
from disclosure.catalogue import import_default_catalogue
from disclosure.models import Matter, MatterStatus, PowerRecord, RecordDocument, Step
from disclosure.record_votes import vote_problem

# (title, four_two_stage, required documents, quorum, majority, sign-off role, approval, returns_to)
ROAD_STEPS = [
    ("村党组织提议", "proposal", [], "", "", "", False, None),
    ("村“两委”会议商议", "deliberation", ["minutes"], "", "", "", False, None),
    ("党员大会审议", "review", [], "", "", "", False, None),
    ("村民代表会议决议", "resolution", ["resolution"], "2/3", "1/2", "", False, 1),
    ("村党组织书记审批", "", [], "", "", Role.VILLAGE_EDITOR, True, 4),
    ("决议公开", "resolution_public", [], "", "", "", False, None),
    ("实施结果公开", "result_public", ["acceptance", "invoice"], "", "", "", False, None),
]
PASSING_VOTE = {"members": 30, "present": 20, "for": 11, "against": 9}


def make_matter(town, steps=ROAD_STEPS, code="GC-99", **extra):
    matter = Matter.objects.create(town=town, code=code, title="村级工程项目", category="engineering", **extra)
    for order, (title, stage, documents, quorum, majority, role, approval, back) in enumerate(steps):
        Step.objects.create(matter=matter, sort_order=order, title=title, role="村“两委”", four_two_stage=stage,
                            required_documents=documents, quorum=quorum, majority=majority, sign_off_role=role,
                            is_approval=approval, returns_to=back, working_days=5)
    Matter.objects.filter(pk=matter.pk).update(status=MatterStatus.PUBLISHED)
    return Matter.objects.get(pk=matter.pk)


def upload(kind, name="scan.pdf"):
    return {"kind": kind, "file": SimpleUploadedFile(name, b"%PDF-1.4 minutes", content_type="application/pdf")}


@pytest.fixture
def people(dtown, beigou, make_user):
    """The 书记 who proposes, the 主任 (also a village editor) who may approve, a village clerk, a neighbour."""
    other = dtown.villages.exclude(pk=beigou.pk).first()
    return SimpleNamespace(
        shuji=make_user("shuji", dtown, Role.VILLAGE_EDITOR, beigou, first_name="王书记"),
        zhuren=make_user("zhuren", dtown, Role.VILLAGE_EDITOR, beigou),
        clerk=make_user("wenshu", dtown, Role.VILLAGE_STAFF, beigou),
        neighbour=make_user("linshe", dtown, Role.VILLAGE_EDITOR, other),
    )


@pytest.fixture
def road(dtown, beigou, people):
    matter = make_matter(dtown)
    return record_gate.open_record(matter, beigou, people.shuji, "北沟村 2027 年道路硬化", Decimal("380000.00"))


def snapshot(record):
    """Everything a refusal must leave as it was, read back from the database."""
    record = PowerRecord.objects.get(pk=record.pk)
    steps = [(s.number, s.state, s.closed_by_id, s.closed_at, s.due_at, s.figures, s.refusal_reason)
             for s in record.steps.order_by("number")]
    return (record.status, record.closed_at, steps, RecordDocument.objects.filter(step__record=record).count(),
            ModelLogEntry.objects.filter(object_id=str(record.pk), action__startswith="disclosure.").count())


def step(record, number):
    return record.steps.get(number=number)


def states(record):
    return [s.state for s in PowerRecord.objects.get(pk=record.pk).steps.order_by("number")]


def refused(call, *args, **kwargs):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        call(*args, **kwargs)
    assert error.value.code == "invalid_transition"
    return error.value.messages[0]


def work_to(record, number, people):
    """Close the steps before `number` the way the flowchart wants them."""
    needs = {2: dict(documents=[upload("minutes")]), 4: dict(figures=PASSING_VOTE, documents=[upload("resolution")])}
    for current in range(1, number):
        user = people.zhuren if current == 5 else people.shuji
        record_gate.close_step(record, step(record, current), user, **needs.get(current, {}))


@pytest.mark.django_db
def test_a_record_is_worked_step_by_step_to_closed(road, people):
    assert states(road) == ["current"] + ["pending"] * 6 and step(road, 1).due_at is not None
    assert road.tracking_code.startswith("QL-") and road.proposer_name == "王书记"
    work_to(road, 7, people)
    record_gate.close_step(road, step(road, 7), people.shuji, documents=[upload("acceptance"), upload("invoice")])
    road.refresh_from_db()
    assert road.status == "closed" and road.closed_at is not None
    assert states(road) == ["done"] * 7
    assert step(road, 4).figures == PASSING_VOTE and step(road, 5).closed_by == people.zhuren
    assert sorted(RecordDocument.objects.filter(step__record=road).values_list("kind", flat=True)) == [
        "acceptance", "invoice", "minutes", "resolution"]
    message = refused(record_gate.close_step, road, step(road, 7), people.shuji)
    assert message == "本记录已办结，不能再作任何更改。"


@pytest.mark.django_db
def test_a_step_whose_predecessor_is_not_complete_is_refused_and_nothing_changes(road, people):
    before = snapshot(road)
    message = refused(record_gate.close_step, road, step(road, 3), people.shuji)
    assert message == "第3步“党员大会审议”暂不能办理：第1步“村党组织提议”尚未完成。"
    assert snapshot(road) == before


@pytest.mark.django_db
def test_a_missing_document_is_named_and_nothing_changes(road, people):
    work_to(road, 7, people)
    before = snapshot(road)
    message = refused(record_gate.close_step, road, step(road, 7), people.shuji, documents=[upload("invoice")])
    assert message == "“实施结果公开”缺少材料，不能办结：验收报告。"
    assert snapshot(road) == before


@pytest.mark.django_db
@pytest.mark.parametrize("figures, expected", [
    ({"members": 30, "present": 19, "for": 19, "against": 0},
     "到会人数不足：应到30人，实到19人；须有2/3以上即20人到会。"),
    ({"members": 30, "present": 20, "for": 10, "against": 10},
     "未获通过：实到20人，赞成10票；须超过到会人员的1/2，即至少11票赞成。"),
    ({"members": 30, "present": 20}, "“村民代表会议决议”须填写表决情况：应到人数、实到人数、赞成票和反对票。"),
    ({"members": 30, "present": 31, "for": 20, "against": 0},
     "表决数字不符：应到30人，实到31人，赞成20票，反对0票。"),
])
def test_a_vote_short_of_quorum_or_majority_is_refused_with_its_figures(road, people, figures, expected):
    work_to(road, 4, people)
    before = snapshot(road)
    assert refused(record_gate.close_step, road, step(road, 4), people.shuji, figures=figures,
                   documents=[upload("resolution")]) == expected
    assert snapshot(road) == before


def _vote_step(quorum, majority, rule="more_than"):
    return Step(title="村民代表会议决议", quorum=quorum, majority=majority, majority_rule=rule)


def test_exactly_two_thirds_present_and_more_than_half_for_pass_one_fewer_fails():
    vote = _vote_step("2/3", "1/2")
    assert vote_problem(vote, {"members": 30, "present": 20, "for": 11, "against": 9}) is None
    assert "到会人数不足" in vote_problem(vote, {"members": 30, "present": 19, "for": 19, "against": 0})
    assert vote_problem(vote, {"members": 31, "present": 21, "for": 11, "against": 0}) is None  # 21 ≥ 20⅔
    assert "须有2/3以上即21人到会" in vote_problem(vote, {"members": 31, "present": 20, "for": 20, "against": 0})
    assert "未获通过" in vote_problem(vote, {"members": 30, "present": 20, "for": 10, "against": 0})  # half is not more


def test_an_at_least_two_thirds_majority_counts_exactly_two_thirds():
    vote = _vote_step("", "2/3", "at_least")
    assert vote_problem(vote, {"members": 30, "present": 30, "for": 20, "against": 10}) is None
    problem = vote_problem(vote, {"members": 30, "present": 30, "for": 19, "against": 11})
    assert problem == "未获通过：实到30人，赞成19票；须有到会人员的2/3以上即20票赞成。"


@pytest.mark.django_db
def test_the_proposer_may_not_approve_their_own_record(road, people):
    work_to(road, 5, people)
    before = snapshot(road)
    message = refused(record_gate.close_step, road, step(road, 5), people.shuji)
    assert message == "王书记是本记录的提议人，不得自行审批（“三个不直接分管”）：“村党组织书记审批”须由其他具有该角色的人员签批。"
    assert snapshot(road) == before
    record_gate.close_step(road, step(road, 5), people.zhuren)
    assert states(road)[4:6] == ["done", "current"]


@pytest.mark.django_db
def test_a_signer_without_the_steps_role_is_refused(road, people):
    work_to(road, 5, people)
    before = snapshot(road)
    message = refused(record_gate.close_step, road, step(road, 5), people.clerk)
    with translation.override("zh-hans"):
        role = str(Role.VILLAGE_EDITOR.label)
    assert message == f"“村党组织书记审批”须由{role}签批，您不具有该角色。"
    assert snapshot(road) == before


@pytest.mark.django_db
def test_a_refused_step_goes_back_to_the_step_its_flowchart_branches_to(road, people):
    work_to(road, 5, people)
    record_gate.refuse_step(road, step(road, 5), people.zhuren, "预算超出镇里核定的标准，请重新商议")
    assert states(road) == ["done", "done", "done", "current", "refused", "pending", "pending"]
    assert step(road, 5).refusal_reason == "预算超出镇里核定的标准，请重新商议"
    assert step(road, 4).closed_by is None and step(road, 4).due_at is not None
    before = snapshot(road)
    assert refused(record_gate.close_step, road, step(road, 5), people.zhuren) == \
        "第5步“村党组织书记审批”暂不能办理：第4步“村民代表会议决议”尚未完成。"
    assert refused(record_gate.refuse_step, road, step(road, 4), people.zhuren, "") == "请说明退回理由，村里会看到。"
    assert refused(record_gate.refuse_step, road, step(road, 1), people.zhuren, "不同意") == \
        "第1步“村党组织提议”不是当前步骤。"
    assert snapshot(road) == before
    record_gate.refuse_step(road, step(road, 4), people.zhuren, "到会人数不足，重新提议")
    assert states(road) == ["current", "pending", "pending", "refused", "refused", "pending", "pending"]
    work_to(road, 6, people)
    assert states(road) == ["done"] * 5 + ["current", "pending"]


@pytest.mark.django_db
def test_a_matter_requiring_four_two_cannot_close_without_its_stages(dtown, beigou, people):
    without_disclosures = [s for s in ROAD_STEPS if s[1] not in ("resolution_public", "result_public")]
    matter = make_matter(dtown, without_disclosures, requires_four_two=True, four_two_from_amount=Decimal("50000"))
    record = record_gate.open_record(matter, beigou, people.shuji, "北沟村 2027 年道路硬化", Decimal("380000"))
    work_to(record, 5, people)
    before = snapshot(record)
    message = refused(record_gate.close_step, record, step(record, 5), people.zhuren)
    assert message == ("本记录须经“四议两公开”，缺少以下环节，不能办结：决议公开、实施结果公开。"
                       "须先更正权力清单，补上这些环节。")
    assert snapshot(record) == before
    small = record_gate.open_record(matter, beigou, people.shuji, "北沟村 路灯维修", Decimal("3000"))
    work_to(small, 6, people)  # below the matter's threshold: the same steps close it
    small.refresh_from_db()
    assert small.status == "closed"


@pytest.mark.django_db
def test_only_the_villages_staff_work_its_records_of_published_matters(dtown, beigou, people, road):
    with pytest.raises(PermissionDenied):
        record_gate.open_record(road.matter, beigou, people.neighbour, "北沟村 2027 年道路硬化")
    before = snapshot(road)
    with pytest.raises(PermissionDenied):
        record_gate.close_step(road, step(road, 1), people.neighbour)
    assert snapshot(road) == before
    draft = Matter.objects.create(town=dtown, code="GC-98", title="未发布事项", category="engineering")
    assert refused(record_gate.open_record, draft, beigou, people.shuji, "北沟村 试点") == "只能按本镇已发布的权力清单事项办理。"
    assert PowerRecord.objects.count() == 1


@pytest.mark.django_db
def test_the_default_four_two_matter_gates_its_vote_and_overdue_steps_are_marked(dtown, beigou, people):
    import_default_catalogue(dtown)
    matter = Matter.objects.get(town=dtown, code="JC-01", status="published")
    assert matter.requires_four_two and [s.working_days for s in matter.steps.all()][:2] == [None, 7]
    record = record_gate.open_record(matter, beigou, people.shuji, "北沟村 2027 年道路硬化", Decimal("380000"))
    record_gate.close_step(record, step(record, 1), people.shuji)
    assert step(record, 2).due_at is not None
    assert refused(record_gate.close_step, record, step(record, 2), people.shuji) == \
        "“村“两委”会议商议”缺少材料，不能办结：会议记录。"
    assert record_gate.mark_overdue(step(record, 2).due_at) == 0  # due until that very moment
    assert record_gate.mark_overdue(step(record, 2).due_at + timedelta(seconds=1)) == 1
    assert states(record)[:3] == ["done", "overdue", "pending"]
    record_gate.close_step(record, step(record, 2), people.shuji, documents=[upload("minutes")])  # late, still closes
    record_gate.close_step(record, step(record, 3), people.shuji, documents=[upload("minutes")])
    message = refused(record_gate.close_step, record, step(record, 4), people.shuji, documents=[upload("minutes")],
                      figures={"members": 30, "present": 25, "for": 20, "against": 5})
    assert message == "“村民会议或村民代表会议决议”缺少材料，不能办结：决议。"


@pytest.mark.django_db
def test_a_correction_keeps_the_step_requirements_and_the_editor_ticks_documents(client, dtown, make_user):
    import_default_catalogue(dtown)
    admin = make_user("zhenguan", dtown, Role.TOWN_ADMIN)
    original = Matter.objects.get(town=dtown, code="JC-01")
    draft = matter_workflow.start_correction(original, admin, "按新规定调整表决要求")
    copied = [(s.required_documents, s.quorum, s.majority, s.four_two_stage, s.working_days) for s in draft.steps.all()]
    assert draft.requires_four_two and copied == [
        (s.required_documents, s.quorum, s.majority, s.four_two_stage, s.working_days) for s in original.steps.all()]
    client.force_login(admin)
    page = client.get(f"/admin/disclosure/matter/edit/{draft.pk}/").content.decode()
    assert "办结所需材料" in page and "会议记录" in page
    assert re.search(r'name="steps-3-required_documents" value="resolution"[^>]*checked', page)
    assert not re.search(r'name="steps-0-required_documents" value="minutes"[^>]*checked', page)
