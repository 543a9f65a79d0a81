from django.db.models import Count
from django.utils.translation import gettext as _

from cunwu.plugins import api


def statistics(town):
    from .models import BroadcastPage

    broadcasts = BroadcastPage.objects.live().filter(path__startswith=town.root_page.path)
    # The core counts every page visit (Redis, flushed in batches); a broadcast's views are its page's visits.
    views = sum(api.page_visits(town, page) for page in broadcasts.only("pk"))
    return [
        api.Figure(_("Broadcasts"), broadcasts.aggregate(n=Count("id"))["n"] or 0, _("broadcasts")),
        api.Figure(_("Broadcast views"), views, _("views")),
    ]
