"""Demo data: categories and cases in every state across the villages, some overdue, some rated; each town its own.

Rows are written directly (not through `workflow`) so loading a demo sends no SMS; each case still gets the full
trail of steps it would have had, back-dated, and the real time limits of each step (`deadlines.schedule`). An
overdue case starts early enough for its limits to have passed, and the loader runs the deadline sweep once, so
its reminder, warning and escalation really fire. Idempotent: a case is keyed by its content.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .defaults import CATEGORIES, seed_categories
from .deadlines import TIMER_FRACTIONS, schedule
from .figures import month_start
from .limits import timers
from .models import Case, Category, Level, Rating, Satisfaction, State, Transition
from .numbering import next_number

S = State
PATHS = {
    S.SUBMITTED: [],
    S.ACCEPTED: [S.ACCEPTED],
    S.IN_PROGRESS: [S.ACCEPTED, S.IN_PROGRESS],
    S.RESOLVED: [S.ACCEPTED, S.IN_PROGRESS, S.RESOLVED],
    S.RATED: [S.ACCEPTED, S.IN_PROGRESS, S.RESOLVED, S.RATED],
    S.REOPENED: [S.ACCEPTED, S.IN_PROGRESS, S.RESOLVED, S.REOPENED],
    S.CLOSED: [S.ACCEPTED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED],
    S.REJECTED: [S.REJECTED],
}

# (content, kind, category, level, final state, overdue, overall rating); CASES for 西湖镇, TOWN_CASES by town slug
CASES = [
    ("家中老人常年卧病，申请办理低保。", "application", "低保救助", Level.GREEN, S.SUBMITTED, False, None),
    ("村口道路塌陷，有安全隐患，请尽快处理。", "report", "工程项目", Level.RED, S.SUBMITTED, True, None),
    ("想咨询今年耕地地力保护补贴的发放时间。", "question", "惠农补贴", Level.GREEN, S.ACCEPTED, False, None),
    ("申请翻建老宅，需要办理宅基地审批。", "application", "宅基地审批", Level.YELLOW, S.IN_PROGRESS, True, None),
    ("上季度村集体收支为什么还没有公开？", "question", "村务公开", Level.GREEN, S.IN_PROGRESS, False, None),
    ("申请临时救助，孩子住院费用困难。", "application", "低保救助", Level.RED, S.RESOLVED, False, None),
    ("咨询低保年审需要准备哪些材料。", "question", "低保救助", Level.GREEN, S.RATED, False, Satisfaction.VERY),
    ("申请种粮补贴，已提交材料。", "application", "惠农补贴", Level.YELLOW, S.RATED, False, Satisfaction.SATISFIED),
    ("反映村里路灯不亮的问题。", "report", "工程项目", Level.YELLOW, S.RATED, False, Satisfaction.BASIC),
    ("举报村道硬化工程偷工减料。", "report", "工程项目", Level.RED, S.REOPENED, False, Satisfaction.UNSATISFIED),
    ("要求查看邻村的财务账目。", "question", "村务公开", Level.GREEN, S.REJECTED, False, None),
    ("咨询宅基地确权登记进度。", "question", "宅基地审批", Level.GREEN, S.CLOSED, False, None),
]

TOWN_CASES = {
    "liuhe": [
        ("申请办理高龄津贴，老人今年满八十岁。", "application", "惠农补贴", Level.GREEN, S.SUBMITTED, False, None),
        ("柳河堤岸有一段护栏被冲毁，孩子上学经过很危险。", "report", "工程项目", Level.RED, S.ACCEPTED, True, None),
        ("咨询危房改造补助的申请条件。", "question", "低保救助", Level.GREEN, S.IN_PROGRESS, False, None),
        ("申请在自家宅基地上加盖一层。", "application", "宅基地审批", Level.YELLOW, S.RESOLVED, False, None),
        ("村里鱼塘承包费收支情况没有公开。", "report", "村务公开", Level.YELLOW, S.RATED, False, Satisfaction.SATISFIED),
        ("咨询合作医疗缴费时间。", "question", "低保救助", Level.GREEN, S.RATED, False, Satisfaction.VERY),
        ("东岗村水渠清淤工程验收不合格。", "report", "工程项目", Level.YELLOW, S.REOPENED, False, Satisfaction.UNSATISFIED),
    ],
}

NAMES = ["王秀英", "李建国", "张桂兰", "刘德明", "陈玉梅", "杨志强"]
NOTES = {
    S.RESOLVED: "已按政策办理完毕，详情请见答复。",
    S.REJECTED: "不属于本村事务，请向所在村提出。",
    S.REOPENED: "群众不满意，重新办理。",
}


def load(town, villages):
    from .deadlines import sweep

    seed_categories(town)
    categories = {}
    for order, (name, kinds, level) in enumerate(CATEGORIES):
        categories[name], _ = Category.objects.get_or_create(
            town=town, name=name, defaults={"kinds": kinds, "default_level": level, "sort_order": order}
        )
    if not villages:
        return
    existing = set(Case.objects.filter(town=town).values_list("content", flat=True))
    now = timezone.now()
    # Everything happens inside the current month so the month's statistics show the demo; an overdue case
    # starts as far back as its limits need (before the month when the month has only just begun).
    span = now - month_start(town, now)
    for index, (content, kind, category, level, state, overdue, rating) in enumerate(TOWN_CASES.get(town.slug, CASES)):
        if content in existing:
            continue
        village = villages[index % len(villages)]
        start = now - min(timedelta(days=index + 1), span * 0.9)
        if overdue:
            start = _late_enough(town, categories[category], level, PATHS[state], start, now)
        with transaction.atomic():
            _case(town, village, categories[category], index, content, kind, level, state, rating, start, now)
    sweep()  # the limits that have passed fire now, once: the overdue cases are escalated for real


def _moments(path, start, now):
    """When each step of the path happens: evenly spread between `start` and a little before now."""
    step = (now - start) / (len(path) + 2)
    return [start + step * (offset + 1) for offset in range(len(path))]


def _late_enough(town, category, level, path, start, now):
    """Move `start` back a day at a time until the escalation of the case's last timed step is an hour past."""
    for _attempt in range(90):
        timed = [(S.SUBMITTED, start)] + [
            (target, at) for target, at in zip(path, _moments(path, start, now)) if target != S.IN_PROGRESS
        ]
        state, at = timed[-1]  # "in progress" keeps the limits set on acceptance
        escalation = timers(town, level, state, at, fractions=TIMER_FRACTIONS[-1:], category=category)
        if escalation and escalation[0] < now - timedelta(hours=1):
            return start
        start -= timedelta(days=1)
    return start


def _case(town, village, category, index, content, kind, level, state, rating, start, now):
    path = PATHS[state]
    case = Case.objects.create(
        town=town, number=next_number(town, start), kind=kind, category=category, village=village, content=content,
        name="" if kind == "report" else NAMES[index % len(NAMES)], anonymous=kind == "report", level=level,
        state=S.SUBMITTED,
    )
    Case.objects.filter(pk=case.pk).update(created_at=start)
    case.created_at = start
    first = Transition.objects.create(case=case, from_state="", to_state=S.SUBMITTED)
    Transition.objects.filter(pk=first.pk).update(at=start)
    case.due_at = case.accept_due_at = schedule(case, first, start)
    fields = {}
    previous, at = S.SUBMITTED, start
    for target, at in zip(path, _moments(path, start, now)):
        note = NOTES.get(target, "")
        made = Transition.objects.create(case=case, from_state=previous, to_state=target, note=note)
        Transition.objects.filter(pk=made.pk).update(at=at)  # auto_now_add stamped it now; the trail needs its own time
        made.to_state = target
        if target == S.ACCEPTED:
            fields["accepted_at"] = at
        elif target == S.RESOLVED:
            fields.update(resolved_at=at, response=NOTES[S.RESOLVED])
        elif target == S.REJECTED:
            fields.update(reject_reason=note, closed_at=at)
        elif target in (S.RATED, S.CLOSED):
            fields["closed_at"] = at
        elif target == S.REOPENED:
            fields["resolved_at"] = None
        case.due_at = schedule(case, made, at)  # the real limits of the step, counted from its back-dated time
        if target == S.ACCEPTED:
            case.resolve_due_at = case.due_at
        elif target == S.REOPENED:
            case.accept_due_at = case.due_at
        previous = target
    fields.update(state=state, due_at=case.due_at, accept_due_at=case.accept_due_at, resolve_due_at=case.resolve_due_at)
    fields["published"] = state == S.RATED  # a few settled cases on the public case wall
    Case.objects.filter(pk=case.pk).update(**fields)
    if rating:
        made = Rating.objects.create(
            case=case, overall=rating, method=rating, efficiency=rating, attitude=rating,
            comment="" if rating != Satisfaction.UNSATISFIED else "问题没有真正解决。",
        )
        Rating.objects.filter(pk=made.pk).update(at=at)
