"""Demo supervision meetings: each demo town's first village holds a published sunshine report meeting (attendees,
a responsibility done and one open, scores) and plans a supervision day as a draft. Safe to run again."""

from datetime import timedelta

from django.utils import timezone

from cunwu.plugins import api

from .meeting_models import MeetingKind, MeetingStatus, SupervisionMeeting
from .record_models import PowerRecord

ATTENDEES = [("王建国", "secretary"), ("李春华", "director"), ("赵德明", "committee_director"),
             ("孙立", "discipline"), ("张桂英", "representative"), ("刘大山", "representative")]
SCORES = [("村党组织书记 王建国", 41, 9, 2), ("村委会主任 李春华", 38, 11, 3), ("2027 年道路硬化项目", 35, 12, 5)]


def load(town, villages):
    if not villages:
        return
    village = villages[0]
    today = api.town_today(town)
    title = f"{village.name}第一季度阳光述职会"
    meeting, created = SupervisionMeeting.objects.get_or_create(town=town, village=village, title=title, defaults={
        "kind": MeetingKind.SUNSHINE_REPORT, "held_at": timezone.now() - timedelta(days=20),
        "place": f"{village.name}村委会",
        "summary": "一述：书记、主任分别述职。二问：村民代表就道路硬化项目的验收和村务公开栏提问 9 个。"
                   "三定：当场定责 2 项。四评：到会村民代表 52 人现场测评。"})
    if not created:
        return
    for name, role in ATTENDEES:
        meeting.attendees.create(name=name, role=role)
    meeting.responsibilities.create(task="道路硬化项目验收报告在公开栏公示", owner="李春华",
                                    deadline=today - timedelta(days=5), done_at=timezone.now() - timedelta(days=7))
    meeting.responsibilities.create(task="补齐 2026 年第四季度财务公开明细", owner="王建国", deadline=today + timedelta(days=10))
    for subject, satisfied, fairly, dissatisfied in SCORES:
        meeting.scores.create(subject=subject, satisfied=satisfied, fairly_satisfied=fairly, dissatisfied=dissatisfied)
    meeting.records.set(PowerRecord.objects.filter(village=village)[:3])
    meeting.status, meeting.published_at = MeetingStatus.PUBLISHED, timezone.now()
    meeting.save()
    SupervisionMeeting.objects.get_or_create(town=town, village=village, title=f"{village.name}村务监督日", defaults={
        "kind": MeetingKind.SUPERVISION_DAY, "held_at": timezone.now() + timedelta(days=10),
        "place": f"{village.name}村委会"})
