"""Demo data: categories and cases in every state across the villages, some overdue, some rated.

Rows are written directly (not through `workflow`) so loading a demo sends no SMS and fills no inbox;
each case still gets the full trail of steps it would have had. Idempotent: a case is keyed by its content.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .defaults import CATEGORIES, seed_categories
from .limits import due
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

# (content, kind, category, level, final state, overdue, overall rating)
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

NAMES = ["王秀英", "李建国", "张桂兰", "刘德明", "陈玉梅", "杨志强"]
NOTES = {
    S.RESOLVED: "已按政策办理完毕，详情请见答复。",
    S.REJECTED: "不属于本村事务，请向所在村提出。",
    S.REOPENED: "群众不满意，重新办理。",
}


def load(town, villages):
    from .workcal import seed

    seed(town)  # towns that enabled the plugin before the calendar existed get this year's holidays too
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
    # Everything happens inside the current month so the month's statistics show the demo.
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    span = now - month_start
    for index, (content, kind, category, level, state, overdue, rating) in enumerate(CASES):
        if content in existing:
            continue
        village = villages[index % len(villages)]
        start = now - min(timedelta(days=index + 1), span * 0.9)
        with transaction.atomic():
            _case(town, village, categories[category], index, content, kind, level, state, overdue, rating, start, now)


def _case(town, village, category, index, content, kind, level, state, overdue, rating, start, now):
    path = PATHS[state]
    step = (now - start) / (len(path) + 2)
    case = Case.objects.create(
        town=town, number=next_number(town, start), kind=kind, category=category, village=village, content=content,
        name="" if kind == "report" else NAMES[index % len(NAMES)], anonymous=kind == "report", level=level,
        state=state,
    )
    at = start
    Transition.objects.create(case=case, from_state="", to_state=S.SUBMITTED)
    fields = {"created_at": start, "state": state, "due_at": due(town, level, S.SUBMITTED, start, category)}
    fields["accept_due_at"] = fields["due_at"]
    previous = S.SUBMITTED
    for target in path:
        at += step
        note = NOTES.get(target, "")
        Transition.objects.create(case=case, from_state=previous, to_state=target, note=note)
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
        if target != S.IN_PROGRESS:
            fields["due_at"] = due(town, level, target, at, category)
        if target == S.ACCEPTED:
            fields["resolve_due_at"] = fields["due_at"]
        elif target == S.REOPENED:
            fields["accept_due_at"] = fields["due_at"]
        previous = target
    if overdue:
        fields["due_at"] = now - timedelta(hours=2)
    fields["published"] = state == S.RATED  # a few settled cases on the public case wall
    Case.objects.filter(pk=case.pk).update(**fields)
    # Steps share one timestamp from auto_now_add; spread them over the case's life for a readable trail.
    for offset, transition in enumerate(case.transitions.order_by("pk")):
        Transition.objects.filter(pk=transition.pk).update(at=start + step * offset)
    if rating:
        made = Rating.objects.create(
            case=case, overall=rating, method=rating, efficiency=rating, attitude=rating,
            comment="" if rating != Satisfaction.UNSATISFIED else "问题没有真正解决。",
        )
        Rating.objects.filter(pk=made.pk).update(at=at)
