"""The village's panel on its own page: its broadcasts, live, coming up and recent replays."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cunwu.plugins.api import HubPanel

from .schedule import town_schedule

SHOWN = 3


def panels(request, village):
    found = town_schedule(village.town, village=village, upcoming=SHOWN, replays=SHOWN)
    if not found:
        return []  # a village that never had a broadcast gets no empty panel
    context = {"live": found.live, "upcoming": found.upcoming, "replays": found.replays, "village": village}
    html = render_to_string("livestream/hub_panel.html", context, request=request)
    return [HubPanel("livestream", _("Broadcasts of %(village)s") % {"village": village.name}, html, order=60)]
