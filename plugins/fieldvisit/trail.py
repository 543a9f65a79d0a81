"""The supervisor's trail (走访轨迹): the check-ins in order, filtered by person, village and month, the count per
person per month, and the map (svgmap.py). A committee member sees their own village's trail only."""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from wagtail.admin.menu import MenuItem

from cunwu.plugins import api

from . import scope
from .apps import VIEW
from .svgmap import render_map
from .views import refuse

PAGE_SIZE = 200


class TrailMenuItem(MenuItem):
    def is_shown(self, request):
        return any(api.is_enabled(town, "fieldvisit") for town in api.towns_with_perm(request.user, VIEW))


def person_name(user):
    return user.get_full_name() or user.get_username()


def stamp(town, moment):
    return api.town_localtime(town, moment).strftime("%Y-%m-%d %H:%M")


def month_of(text):
    """(year, month) of "2026-12", or None."""
    try:
        year, month = (int(part) for part in (text or "").split("-"))
    except ValueError:
        return None
    return (year, month) if 2000 <= year <= 2100 and 1 <= month <= 12 else None


def filtered(request, town):
    rows = scope.visible(request.user, town)
    chosen = {key: request.GET.get(key, "") for key in ("person", "village", "month")}
    if chosen["person"].isdigit():
        rows = rows.filter(user_id=chosen["person"])
    if chosen["village"].isdigit():
        rows = rows.filter(village_id=chosen["village"])
    month = month_of(chosen["month"])
    if month:
        start, end = api.town_month_bounds(town, *month)
        rows = rows.filter(created_at__gte=start, created_at__lt=end)
    return rows, chosen


def shown_note(viewer, checkin):
    """The author reads their note as written; anyone else with phone, ID and card numbers masked."""
    return checkin.note if checkin.user_id == viewer.pk else api.mask_text(checkin.note)


def monthly_counts(town, rows):
    """[(person, "2026-12", count)], newest month first, then by name."""
    zone = api.town_zone(town)
    counted = (rows.order_by().annotate(month=TruncMonth("created_at", tzinfo=zone))
               .values("user", "month").annotate(count=Count("pk")))
    people = {checkin.user_id: checkin.user for checkin in rows.order_by()}
    table = [(person_name(people[row["user"]]), row["month"].strftime("%Y-%m"), row["count"]) for row in counted]
    return sorted(table, key=lambda row: (-int(row[1].replace("-", "")), row[0]))


def label_for(town):
    """A dot's tooltip: who, where, when (the note is left out: the map is for the trail, not the content)."""

    def label(checkin):
        return f"{person_name(checkin.user)} · {checkin.village.name} · {stamp(town, checkin.created_at)}"

    return label


@require_GET
def trail(request):
    town = scope.screen_town(request)
    if town is None:
        return refuse(request, _("You may not read the field check-ins of this town."))
    rows, chosen = filtered(request, town)
    listed = list(rows[:PAGE_SIZE])
    everyone = scope.visible(request.user, town)
    people = sorted({checkin.user for checkin in everyone.order_by()}, key=person_name)
    return TemplateResponse(request, "fieldvisit/admin/trail.html", {
        "town": town, "chosen": chosen, "may_add": scope.may_add(request.user, town),
        "villages": scope.villages(request.user, town), "people": [(p.pk, person_name(p)) for p in people],
        "rows": [{"checkin": c, "who": person_name(c.user), "when": stamp(town, c.created_at),
                  "note": shown_note(request.user, c)} for c in listed],
        "more": rows.count() > PAGE_SIZE, "counts": monthly_counts(town, rows),
        "map": mark_safe(render_map(town, listed, label_for(town))),  # every text in it is escaped
        "query": request.GET.urlencode(),
    })


@require_GET
def trail_map(request):
    town = scope.screen_town(request)
    if town is None:
        return refuse(request, _("You may not read the field check-ins of this town."))
    rows, _chosen = filtered(request, town)
    svg = render_map(town, list(rows[:PAGE_SIZE]), label_for(town))
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def menu_item():
    from django.urls import reverse

    return TrailMenuItem(gettext_lazy("Field check-ins"), reverse("fieldvisit_trail"), icon_name="site", order=335)
