"""Data for blocks, fetched once per page for all blocks of a kind, so queries do not grow with blocks.

A block opts in with `Meta.prefetch = "dotted.path"`: a callable(values, context) returning
{id(value): data}; the block's template finds its data as `prefetched`.
"""

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber, Substr
from wagtail.models import Page

PATH_STEP = Page.steplen


def latest_children(values, context):
    page = context.get("page")
    parent_of = {id(value): value.get("parent") or page for value in values}
    parents = {parent.pk: parent for parent in parent_of.values() if parent is not None}
    if not parents:
        return {}
    siblings_of = Q()
    for parent in parents.values():
        siblings_of |= Q(path__startswith=parent.path, depth=parent.depth + 1)
    most = max(int(value.get("count") or 5) for value in values)
    ranked = (
        Page.objects.live()
        .public()
        .filter(siblings_of)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[Substr("path", 1, (F("depth") - 1) * PATH_STEP)],
                order_by=[F("first_published_at").desc(nulls_last=True), F("pk").desc()],
            )
        )
        .filter(rank__lte=most)
        .only("id", "title", "url_path", "first_published_at", "path", "depth")
        .order_by("-first_published_at")
    )
    children_of = {}
    for child in ranked:
        children_of.setdefault(child.path[: (child.depth - 1) * PATH_STEP], []).append(child)
    return {
        key: children_of.get(parent.path, [])[: int(values_by_id.get("count") or 5)]
        for key, parent, values_by_id in (
            (id(value), parent_of[id(value)], value) for value in values if parent_of[id(value)] is not None
        )
    }


def town_statistics(values, context):
    from cunwu.plugins.registry import statistics_for
    from cunwu.visits.counter import town_visits

    town = context.get("town")
    if town is None:
        return {}
    visits = town_visits(town) if any(value.get("show_visits") for value in values) else None
    figures = statistics_for(town) if any(value.get("show_plugin_figures") for value in values) else []
    return {id(value): {"visits": visits, "figures": figures} for value in values}
