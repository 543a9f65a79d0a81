"""The reminder sign-ups of one broadcast as CSV, for the village committee to ring villagers when a meeting moves.

Only the broadcast's editors get it, and every download is recorded in the town's audit trail (who, when, how
many numbers; never the numbers).
"""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.menus.pages import PageMenuItem

from cunwu.plugins import api

from .models import BroadcastPage, Subscription


def may_export(page, user):
    return page.permissions_for_user(user).can_edit()


def export_view(request, page_id):
    page = get_object_or_404(BroadcastPage, pk=page_id)
    town = api.town_for_page(page)
    if town is None or not may_export(page, request.user):
        raise PermissionDenied
    rows = Subscription.objects.filter(broadcast=page, unsubscribed_at__isnull=True).select_related("reminder").order_by("pk")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Mobile number"), _("Signed up at"), _("Reminder")])
    count = 0
    for subscription in rows:
        reminder = getattr(subscription, "reminder", None)
        writer.writerow([subscription.phone, api.town_localtime(town, subscription.created_at).strftime("%Y-%m-%d %H:%M"),
                         reminder.get_outcome_display() if reminder else ""])
        count += 1
    api.audit(request, town, "livestream.export_signups", target=page.title, broadcast=page.pk, numbers=count)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="signups-{page.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


class ExportSignupsButton(PageMenuItem):
    label = gettext_lazy("Export reminder sign-ups")
    icon_name = "download"
    url_name = "livestream_export_signups"
    priority = 6

    def is_shown(self, user):
        specific = self.page.specific_deferred
        return isinstance(specific, BroadcastPage) and may_export(self.page, user)
