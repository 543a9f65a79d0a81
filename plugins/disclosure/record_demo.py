"""Demo power records: each village has one in every state a villager or supervisor should see (issue 12).

- a 四议两公开 decision blocked at the villagers' representative meeting: the resolution is missing, the gate
  refused the step and warned the supervisors;
- a small project whose town review sent it back once and is now overdue, its warning sent;
- a purchase worked to closed, on which a villager reported a problem, rectified by order of the supervision
  committee;
- a subsidy application sent back by the village committee's review to the application, on time.

Everything goes through the step gate and the supervision functions, as the admin screens do, so the demo shows
nothing the code would not produce. Idempotent: a village that has records gets none.
"""

import logging
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models

from cunwu.plugins import api

from . import record_gate, record_supervision
from .power_models import Matter, MatterStatus
from .record_models import PowerRecord, RecordDocument
from .record_reports import file_report
from .record_warning_models import SupervisorMobile
from .record_warnings import sweep_town

logger = logging.getLogger(__name__)
PASSING_VOTE = {"members": 35, "present": 28, "for": 22, "against": 4}


def scan(kind, name, public=True):
    return {"kind": kind, "file": ContentFile(b"%PDF-1.4\n% cunwu demo scan\n", name=name), "public": public}


def _people(town, village):
    """(the village's Party secretary, the town's reviewer, the committee's director), or None if one is missing."""
    editors = village.staff.filter(pk__in=town.members(api.Role.VILLAGE_EDITOR))
    secretary = editors.exclude(first_name="").order_by("pk").first() or editors.order_by("pk").first()
    reviewer = town.members(api.Role.TOWN_EDITOR).order_by("pk").first()
    director = api.committee_directors(village).order_by("pk").first()
    if None in (secretary, reviewer, director):
        return None
    return secretary, reviewer, director


def _matter(town, code):
    return Matter.objects.filter(town=town, code=code, status=MatterStatus.PUBLISHED).first()


def _step(record, number):
    return record.steps.get(number=number)


def _close(record, number, user, **needs):
    record_gate.close_step(record, _step(record, number), user, **needs)


def _move_back(record, delta):
    """Move every moment of a record just made (its steps, documents, opinions, rectifications) `delta` earlier, as
    if it had been worked then. Early warnings are not moved: they are raised afterwards, by the sweep."""
    record = PowerRecord.objects.get(pk=record.pk)  # as the gate left it (closed_at set)
    rows = [record, *record.steps.all(), *RecordDocument.objects.filter(step__record=record),
            *record.opinions.all(), *record.rectifications.all()]
    for row in rows:
        moved = {field.attname: getattr(row, field.attname) - delta for field in row._meta.concrete_fields
                 if isinstance(field, (models.DateTimeField, models.DateField)) and getattr(row, field.attname)}
        type(row).objects.filter(pk=row.pk).update(**moved)


def _blocked_decision(town, village, secretary):
    record = record_gate.open_record(_matter(town, "JC-01"), village, secretary, f"{village.name}2027年道路硬化工程决策",
                                     Decimal("380000.00"))
    _close(record, 1, secretary)
    _close(record, 2, secretary, documents=[scan("minutes", "两委会议记录.pdf")])
    _close(record, 3, secretary, documents=[scan("minutes", "党员大会记录.pdf")])
    try:  # the meeting voted, but the signed resolution was not uploaded: refused, and the supervisors warned
        _close(record, 4, secretary, figures=PASSING_VOTE, documents=[scan("minutes", "村民代表会议记录.pdf")])
    except ValidationError:
        pass
    return record


def _overdue_project(town, village, secretary, reviewer):
    record = record_gate.open_record(_matter(town, "GC-01"), village, secretary, f"{village.name}村委会办公用房维修",
                                     Decimal("86000.00"))
    _close(record, 1, secretary)
    record_gate.refuse_step(record, _step(record, 2), reviewer, "预算缺少分项明细，请补充后重新报审。")
    _close(record, 1, secretary)
    # All that happened three weeks ago, and the town has not reviewed it since: past its ten working days.
    _move_back(record, timedelta(days=21))
    return record


def _rectified_purchase(town, village, secretary, director):
    record = record_gate.open_record(_matter(town, "CG-01"), village, secretary, f"{village.name}村内路灯采购（20盏）",
                                     Decimal("12800.00"))
    for number in range(1, 4):
        _close(record, number, secretary)
    _close(record, 4, secretary, documents=[scan("acceptance", "路灯验收单.pdf")])
    _close(record, 5, secretary, documents=[scan("invoice", "路灯采购发票.pdf")])
    file_report(record, "验收单写装了20盏路灯，我们三组只看到16盏，请监委会核实。", name="刘桂兰", phone="13912345678")
    record_supervision.add_opinion(record, director, "经现场核查，实际安装16盏，与验收单不符。")
    order = record_supervision.order_rectification(record, director, "补装缺少的4盏路灯，重新验收并公示验收单。",
                                                   working_days=10)
    record_supervision.report_done(order, secretary, "已补装4盏路灯，重新组织验收，验收单已重新公示。")
    record_supervision.close(order, director)
    # Worked last month: the statistics show a month before this one.
    _move_back(record, timedelta(days=35))
    return record


def _subsidy_in_progress(town, village, secretary):
    record = record_gate.open_record(_matter(town, "MS-05"), village, secretary, f"{village.name}2027年耕地地力保护补贴申报")
    _close(record, 1, secretary)
    _close(record, 2, secretary)
    # The village committee's review found the declared area wrong: back to the application, as the flowchart says.
    record_gate.refuse_step(record, _step(record, 3), secretary, "申报面积与土地承包台账不符，请核实后重新申报。")
    return record


def _demo_mobile(town, user, number):
    """The committee director's mobile, so the warnings show a text message sent (to the demo's fake provider)."""
    SupervisorMobile.objects.get_or_create(town=town, user=user, defaults={"phone": f"+86139093700{number:02d}"})


def load(town, villages):
    if not all(_matter(town, code) for code in ("JC-01", "GC-01", "CG-01", "MS-05")):
        return  # a town that changed its power list keeps it; the demo records need the standard matters
    for number, village in enumerate(villages, start=1):
        if PowerRecord.objects.filter(village=village).exists():
            continue
        people = _people(town, village)
        if people is None:
            logger.info("demo power records skipped for %s: no cadre, town reviewer or committee director", village)
            continue
        secretary, reviewer, director = people
        _demo_mobile(town, director, number)
        _blocked_decision(town, village, secretary)
        _overdue_project(town, village, secretary, reviewer)
        _rectified_purchase(town, village, secretary, director)
        _subsidy_in_progress(town, village, secretary)
    record_gate.mark_overdue()
    sweep_town(town)
