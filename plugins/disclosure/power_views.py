"""Public power list: matters by category, search, and each matter with its flowchart."""

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, render

from cunwu.plugins import api

from .flowchart import flowchart
from .matter_workflow import history
from .power_models import ListType, Matter, MatterCategory, MatterStatus, Step
from .record_views import matter_records


def matters_for(town):
    return Matter.objects.filter(town=town, live=True, status=MatterStatus.PUBLISHED)


def grouped_matters(matters):
    """[(list type, its label, [(category, its label, [matters])])]: the positive list, then the negative one."""
    grouped = {}
    for matter in matters.order_by("category", "sort_order", "code"):
        grouped.setdefault(matter.list_type, {}).setdefault(matter.category, []).append(matter)
    return [
        (kind, kind_label, [(value, label, grouped[kind][value]) for value, label in MatterCategory.choices if value in grouped[kind]])
        for kind, kind_label in ListType.choices if kind in grouped
    ]


def power_list(request):
    town = api.current_town(request)
    query = (request.GET.get("q") or "").strip()[:50]
    category = request.GET.get("category") if request.GET.get("category") in MatterCategory.values else ""
    matters = matters_for(town)
    if query:
        matters = matters.filter(Q(title__icontains=query) | Q(code__icontains=query) | Q(conditions__icontains=query))
    if category:
        matters = matters.filter(category=category)
    lists = grouped_matters(matters)
    return render(request, "disclosure/power_list.html", {
        "town": town, "lists": lists, "query": query, "category": category, "categories": MatterCategory.choices,
        "count": sum(len(m) for _kind, _label, sections in lists for _v, _l, m in sections), "ListType": ListType,
    })


def power_detail(request, code):
    town = api.current_town(request)
    matter = get_object_or_404(
        matters_for(town).prefetch_related(Prefetch("steps", queryset=Step.objects.order_by("sort_order", "id"))), code=code
    )
    steps = list(matter.steps.all())
    return render(request, "disclosure/power_detail.html", {
        "town": town, "matter": matter, "steps": steps, "chart": flowchart(matter, steps), "ListType": ListType,
        "history": history(town, matter.code) if matter.version > 1 else [],
        "records": matter_records(town, matter),
    })
