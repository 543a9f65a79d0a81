"""A villager's report of a problem on a power record (the record's "electronic ID card" on the site sign).

The report goes to the village supervision committee as a case of the appeals plugin, through its
"appeals_intake" service. A town without appeals keeps it here instead, as a RecordReport its staff list in the
admin, with a number of its own the villager is told.
"""

import logging
import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cunwu.plugins import api

from .record_models import CODE_ALPHABET

logger = logging.getLogger("disclosure.records")


def new_report_number():
    return "FY-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


class RecordReport(models.Model):
    record = models.ForeignKey("disclosure.PowerRecord", on_delete=models.CASCADE, related_name="reports",
                               verbose_name=gettext_lazy("power record"))
    number = models.CharField(gettext_lazy("tracking number"), max_length=16, unique=True, default=new_report_number,
                              editable=False)
    content = models.TextField(gettext_lazy("what is wrong"))
    name = models.CharField(gettext_lazy("name"), max_length=30, blank=True)
    phone = models.CharField(gettext_lazy("mobile"), max_length=20, blank=True)
    created_at = models.DateTimeField(gettext_lazy("reported at"), auto_now_add=True)
    handled = models.BooleanField(gettext_lazy("handled"), default=False)

    class Meta:
        verbose_name = gettext_lazy("problem reported on a record")
        verbose_name_plural = gettext_lazy("problems reported on records")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.number

    @property
    def masked_phone(self):
        return api.mask_phone(self.phone) if self.phone else ""


def file_report(record, content, name="", phone=""):
    """{"number", "url", "case"}: a case through the appeals service when the town runs appeals, else a
    RecordReport. `url` is where the villager follows it (the case's status page), or "" for a RecordReport."""
    town = record.town
    address = api.town_url(town, reverse("disclosure:record", args=[record.tracking_code]))
    intake = api.get_service("appeals_intake", town)
    filed = None
    if intake is not None:
        filed = intake(town, village=record.village, content=content, name=name, phone=phone, reference=[
            {"label": _("Power record"), "kind": "text", "value": f"{record.tracking_code} {record.title}"},
            {"label": _("Address of the record"), "kind": "text", "value": address},
        ])
    if filed is not None:
        result = {"number": filed["number"], "url": filed.get("url", ""), "case": True}
    else:
        report = RecordReport.objects.create(record=record, content=content, name=name, phone=phone)
        api.notify(town, [api.Role.VILLAGE_STAFF, api.Role.SUPERVISOR],
                   _("Problem reported on record %(code)s") % {"code": record.tracking_code},
                   _("%(village)s · %(title)s") % {"village": record.village.name, "title": record.title})
        result = {"number": report.number, "url": "", "case": False}
    logger.info("problem reported on %s as %s (phone %s)", record.tracking_code, result["number"],
                api.mask_phone(phone) if phone else "-")
    return result


def anonymise_reporters(town, cutoff, dry_run=False):
    """The retention rule: reports made before `cutoff` keep what was wrong, not who said it."""
    rows = RecordReport.objects.filter(record__town=town, created_at__lt=cutoff).exclude(name="", phone="")
    return rows.count() if dry_run else rows.update(name="", phone="")
