from django.core.cache import cache
from django.db.models import Count
from django.utils.translation import gettext as _

from cunwu.plugins import api

# The core offers visits per page only (one database and one Redis round trip each), so the total over a town's
# broadcasts is worked out at most once a minute per town; a view count a minute old is still the right figure.
CACHE_SECONDS = 60


def statistics(town):
    key = f"livestream:stats:{town.pk}"
    totals = cache.get(key)
    if totals is None:
        totals = _totals(town)
        cache.set(key, totals, CACHE_SECONDS)
    broadcasts, views = totals
    return [
        api.Figure(_("Broadcasts"), broadcasts, _("broadcasts")),
        api.Figure(_("Broadcast views"), views, _("views")),
    ]


def _totals(town):
    from .models import BroadcastPage

    pages = BroadcastPage.objects.live().filter(path__startswith=town.root_page.path)
    # The core counts every page visit (Redis, flushed in batches); a broadcast's views are its page's visits.
    views = sum(api.page_visits(town, page) for page in pages.only("pk"))
    return pages.aggregate(n=Count("id"))["n"] or 0, views
