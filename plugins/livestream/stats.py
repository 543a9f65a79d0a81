from django.utils.translation import gettext as _

from cunwu.plugins import api


def statistics(town):
    from .models import BroadcastPage

    pages = list(BroadcastPage.objects.live().filter(path__startswith=town.root_page.path).only("pk"))
    # A broadcast's views are its page's visits as the core counts them (Redis, flushed in batches).
    views = sum(api.pages_visits(town, pages).values())
    return [
        api.Figure(_("Broadcasts"), len(pages), _("broadcasts")),
        api.Figure(_("Broadcast views"), views, _("views")),
    ]
