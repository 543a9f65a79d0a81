"""The village's own panels on its page: its newest published finance month, its benefit payments, its assets, and
its power records (record_views.hub_panels, one query more) and its supervision meetings (meeting_views)."""

from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cunwu.plugins import api

from .asset_models import Asset
from .payment_views import published_lists
from .queries import latest_published
from .meeting_views import hub_panels as meeting_panels
from .record_views import hub_panels as record_panels


def panels(request, village):
    """Three queries: the newest month, the payment lists with their totals, the asset counts."""
    ledger = latest_published(village.town.villages.filter(pk=village.pk)).get(village.pk)
    lists = list(published_lists(village.town).filter(village=village)[:5])
    assets = Asset.objects.filter(village=village).aggregate(n=Count("id"), value=Sum("value"))
    context = {"village": village, "ledger": ledger, "lists": lists, "assets": assets}
    return [
        api.HubPanel("disclosure-finance", _("Village finance"),
                     render_to_string("disclosure/hub/finance.html", context, request=request), order=20),
        api.HubPanel("disclosure-payments", _("Benefit payments"),
                     render_to_string("disclosure/hub/payments.html", context, request=request), order=21),
        api.HubPanel("disclosure-assets", _("Collective assets and resources"),
                     render_to_string("disclosure/hub/assets.html", context, request=request), order=22),
    ] + record_panels(request, village) + meeting_panels(request, village)
