"""The village's panel on its own page: its resolved cases on the wall and a link to raise a matter for it."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cunwu.plugins.api import HubPanel

from .wall import entries, wall_cases

SHOWN = 5


def panels(request, village):
    items = entries(wall_cases(village.town, village)[:SHOWN])  # one query (category and village joined)
    html = render_to_string("appeals/hub_panel.html", {"items": items, "village": village}, request=request)
    return [HubPanel("appeals", _("Matters of %(village)s") % {"village": village.name}, html, order=40)]
