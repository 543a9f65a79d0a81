"""Notices newest first by their own date: an article's `date` (the day the notice is dated, which editors often
publish days later or back-fill), else the day it was first published. One ordering for the notice list block and
the section page's list of children, on SQLite and PostgreSQL alike."""

from django.db.models import DateField, F, Q, Window
from django.db.models.functions import Coalesce, RowNumber, Substr, TruncDate
from wagtail.models import Page

from cunwu.towns.clock import town_zone

PATH_STEP = Page.steplen


def with_notice_date(pages, town=None):
    """Annotates `notice_date`; pages other than articles (sections, plugin pages) fall back to the day of
    publication in the town's zone (whoever looks: a preview in the admin runs in the editor's own zone)."""
    published = TruncDate("first_published_at", tzinfo=town_zone(town) if town is not None else None)
    return pages.annotate(notice_date=Coalesce(F("articlepage__date"), published, output_field=DateField()))


NEWEST_FIRST = [F("notice_date").desc(nulls_last=True), F("first_published_at").desc(nulls_last=True), F("pk").desc()]


def newest_first(pages, town=None):
    return with_notice_date(pages, town).order_by(*NEWEST_FIRST)


def latest_children(values, context):
    """Prefetch of the notice list block: the newest children of every list's section, in one query."""
    page = context.get("page")
    parent_of = {id(value): value.get("parent") or page for value in values}
    parents = {parent.pk: parent for parent in parent_of.values() if parent is not None}
    if not parents:
        return {}
    children = Q()
    for parent in parents.values():
        children |= Q(path__startswith=parent.path, depth=parent.depth + 1)
    most = max(int(value.get("count") or 5) for value in values)
    ranked = (
        with_notice_date(Page.objects.live().public().filter(children), context.get("town"))
        .annotate(
            rank=Window(RowNumber(), partition_by=[Substr("path", 1, (F("depth") - 1) * PATH_STEP)], order_by=NEWEST_FIRST)
        )
        .filter(rank__lte=most)
        .only("id", "title", "url_path", "first_published_at", "path", "depth")
        .order_by(*NEWEST_FIRST)
    )
    children_of = {}
    for child in ranked:
        children_of.setdefault(child.path[: (child.depth - 1) * PATH_STEP], []).append(child)
    return {
        id(value): children_of.get(parent.path, [])[: int(value.get("count") or 5)]
        for value in values
        if (parent := parent_of[id(value)]) is not None
    }
