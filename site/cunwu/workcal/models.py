"""A town's own entries in its working calendar: the official holidays and make-up working days (调休) it keeps,
and any day it adds itself (a town festival). Every other Monday–Friday is a working day."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday (no work)")
    WORKDAY = "workday", _("Make-up working day")


class CalendarDay(models.Model):
    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="+", verbose_name=_("town"))
    day = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=50, blank=True, help_text=_("e.g. 春节 or 春节调休上班"))

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("working calendar")
        ordering = ["town", "day"]
        constraints = [models.UniqueConstraint(fields=["town", "day"], name="cunwu_workcal_one_entry_per_day")]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()
