"""Public register of a town's collective assets and leases, with totals; lessees who are people are masked."""

from decimal import Decimal

from django.db.models import Prefetch
from django.shortcuts import render

from cunwu.plugins import api

from .asset_models import Asset, AssetKind, Lease
from .leases import lessee_shown

ZERO = Decimal("0.00")


def assets(request):
    town = api.current_town(request)
    today = api.town_today(town)
    villages = list(town.villages.all())
    chosen = next((v for v in villages if v.code == request.GET.get("village")), None)
    kind = request.GET.get("kind") if request.GET.get("kind") in AssetKind.values else ""
    found = Asset.objects.filter(village__town=town).select_related("village").prefetch_related(
        Prefetch("leases", queryset=Lease.objects.order_by("-starts_on"))
    ).order_by("village__sort_order", "kind", "name")
    if chosen:
        found = found.filter(village=chosen)
    if kind:
        found = found.filter(kind=kind)
    rows, totals = [], {"value": ZERO, "mu": ZERO, "m2": ZERO, "rent": ZERO, "paid": ZERO, "due": ZERO, "count": 0}
    for asset in found[:2000]:
        leases = [
            {"lessee": lessee_shown(lease), "starts_on": lease.starts_on, "ends_on": lease.ends_on,
             "annual_rent": lease.annual_rent, "paid": lease.rent_paid, "due": lease.rent_due(today),
             "current": lease.is_current(today), "contract_number": lease.contract_number}
            for lease in asset.leases.all()
        ]
        rows.append((asset, leases))
        totals["count"] += 1
        totals["value"] += asset.value
        if asset.area:
            totals[asset.area_unit] += asset.area
        for lease in leases:
            totals["paid"] += lease["paid"]
            totals["due"] += lease["due"]
            if lease["current"]:
                totals["rent"] += lease["annual_rent"]
    return render(request, "disclosure/assets.html", {
        "town": town, "villages": villages, "chosen": chosen, "kind": kind, "kinds": AssetKind.choices,
        "rows": rows, "totals": totals,
    })
