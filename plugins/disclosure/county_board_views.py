"""The county board (县级监督看板) and its drill-down: the towns → one town's villages → one village's records that
need a look, each linking to the record's admin screen (disclosure_record), which the supervisor reads there.

Read-only for everyone: the screens answer GET only and carry no action. Scope: a town or village outside the
user's supervision is a 404, as if it did not exist.
"""

from functools import wraps

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem

from cunwu.plugins import api

from . import county_board
from .admin_views import refuse

TEMPLATES = "disclosure/county_board/"


class CountyBoardMenuItem(MenuItem):
    def is_shown(self, request):
        return county_board.is_county_reader(request.user)


def menu_item():
    return CountyBoardMenuItem(gettext_lazy("County board"), reverse("disclosure_county_board"), icon_name="globe",
                               order=335)


def reading_only(view):
    """Anything but a read is refused with the reason (a 405 page in the user's language, not an empty one)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = refuse(request, _("The county board only reads: nothing can be changed here."), status=405)
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapped


def _town(request, town_id):
    return get_object_or_404(county_board.scope_towns(request.user), pk=town_id)


@reading_only
def board(request):
    towns = list(county_board.scope_towns(request.user))
    if not towns:
        return refuse(request, _("Only supervisors of towns that run disclosure see the county board."))
    rows, total = county_board.town_rows(request.user, towns)
    return TemplateResponse(request, TEMPLATES + "board.html", {
        "rows": [(row, reverse("disclosure_county_town", args=[row.subject.pk])) for row in rows], "total": total,
    })


@reading_only
def town(request, town_id):
    town = _town(request, town_id)
    rows = county_board.village_rows(request.user, [town])
    total = county_board.Row()
    for row in rows:
        total.add(row)
    return TemplateResponse(request, TEMPLATES + "town.html", {
        "town": town, "total": total,
        "rows": [(row, reverse("disclosure_county_village", args=[town.pk, row.subject.pk])) for row in rows],
    })


@reading_only
def village(request, town_id, village_id):
    town = _town(request, town_id)
    village = get_object_or_404(county_board.scope_villages(request.user, [town]), pk=village_id)
    records = [
        (record, api.town_localtime(town, record.opened_at).strftime("%Y-%m-%d"))
        for record in county_board.flagged_records(village, town)[:200]
    ]
    return TemplateResponse(request, TEMPLATES + "village.html", {"town": town, "village": village, "records": records})
