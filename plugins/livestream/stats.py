from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from cunwu.plugins import api


def statistics(town):
    from .models import BroadcastPage

    totals = BroadcastPage.objects.live().filter(path__startswith=town.root_page.path).aggregate(
        broadcasts=Count("id"), views=Sum("view_count")
    )
    return [
        api.Figure(_("Broadcasts"), totals["broadcasts"] or 0, _("broadcasts")),
        api.Figure(_("Broadcast views"), totals["views"] or 0, _("views")),
    ]
