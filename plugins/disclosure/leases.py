"""Reminders before a lease ends or a year's rent falls due, each sent once (the Notice row is the proof)."""

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from cunwu.plugins import api
from cunwu.plugins.api import mask_name

from .asset_models import Lease
from .notice_models import Notice
from .publication import _claim

STAFF = ("village_editor", "town_admin")


def lessee_shown(lease):
    return mask_name(lease.lessee) if lease.lessee_is_person else lease.lessee


def _send(town, lease, kind, when, subject, text):
    with transaction.atomic():
        notice = _claim(town, lease.asset.village, kind, f"lease {lease.pk} {when:%Y-%m-%d}", Notice.Channel.NOTIFY)
        if notice is None:
            return 0
        notice.recipients = api.notify(town, STAFF, subject, text)
        notice.save(update_fields=["recipients"])
    return 1


def sweep_leases(town, today=None):
    today = today or api.town_today(town)
    days = int(api.plugin_settings(town, "disclosure").get("lease_notice_days") or 30)
    horizon = today + timedelta(days=days)
    sent = {"lease_ends": 0, "rents_due": 0}
    leases = Lease.objects.filter(asset__village__town=town, ends_on__gte=today).select_related("asset__village")
    for lease in leases:
        facts = {"village": lease.asset.village.name, "asset": lease.asset.name, "lessee": lessee_shown(lease)}
        if lease.ends_on <= horizon:
            sent["lease_ends"] += _send(
                town, lease, Notice.Kind.LEASE_END, lease.ends_on, _("A lease ends soon"),
                _("The lease of %(asset)s (%(village)s) to %(lessee)s ends on %(date)s: renew it or take the asset back.")
                % {**facts, "date": lease.ends_on.isoformat()},
            )
        due = lease.next_due_on(today)
        if due is not None and due <= horizon:
            sent["rents_due"] += _send(
                town, lease, Notice.Kind.RENT_DUE, due, _("Rent falls due soon"),
                _("A year's rent of %(rent)s yuan for %(asset)s (%(village)s), leased to %(lessee)s, falls due on %(date)s.")
                % {**facts, "rent": lease.annual_rent, "date": due.isoformat()},
            )
    return sent
