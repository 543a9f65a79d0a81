"""Per-town working calendar: weekends, official holidays and make-up working days (调休), and working-time arithmetic.

A day is a working day when the calendar says so (a make-up Saturday), or it is Monday–Friday and the calendar
does not list it as a holiday. Time limits run only inside the town's office hours on working days.
"""

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

from cunwu.plugins import api

DATA_FILE = Path(__file__).parent / "data" / "cn_holidays.json"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday (no work)")
    WORKDAY = "workday", _("Make-up working day")


class CalendarDay(models.Model):
    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="+", verbose_name=_("town"))
    day = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=50, blank=True, help_text=_("e.g. 春节 or 春节调休上班"))

    class Meta:
        app_label = "appeals"
        verbose_name = _("calendar day")
        verbose_name_plural = _("working calendar")
        ordering = ["town", "day"]
        constraints = [models.UniqueConstraint(fields=["town", "day"], name="appeals_one_calendar_entry_per_day")]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()


def seed(town, year=None):
    """Add the official holidays and make-up days of `year` (default: this year) that the town has not set itself."""
    year = year or api.town_today(town).year
    data = json.loads(DATA_FILE.read_text(encoding="utf-8")).get(str(year))
    if not data:
        return 0
    taken = set(CalendarDay.objects.filter(town=town, day__year=year).values_list("day", flat=True))
    rows = [
        CalendarDay(town=town, day=date.fromisoformat(day), kind=kind, name=name)
        for kind, key in ((DayKind.HOLIDAY, "holidays"), (DayKind.WORKDAY, "workdays"))
        for day, name in data[key]
        if date.fromisoformat(day) not in taken
    ]
    CalendarDay.objects.bulk_create(rows, ignore_conflicts=True)  # a concurrent seed may have added some meanwhile
    return len(rows)


class WorkingCalendar:
    """Working-time arithmetic for one town; reads the town's calendar entries once per horizon."""

    def __init__(self, town, start_hour=time(9), end_hour=time(17)):
        self.town = town
        self.opens, self.closes = start_hour, end_hour
        self.day_hours = (datetime.combine(date.min, end_hour) - datetime.combine(date.min, start_hour)).total_seconds() / 3600
        self._loaded = None  # (first, last) day of the entries read so far
        self._entries = {}

    def _load(self, first, last):
        """Read entries a year at a time so the reminder, warning and escalation of one step cost one query."""
        if self._loaded is None or first < self._loaded[0] or last > self._loaded[1]:
            first = min(first, self._loaded[0]) if self._loaded else first
            last = max(last, first + timedelta(days=400))
            rows = CalendarDay.objects.filter(town=self.town, day__gte=first, day__lte=last).values_list("day", "kind")
            self._entries = dict(rows)
            self._loaded = (first, last)

    def is_working_day(self, day):
        kind = self._entries.get(day)
        if kind is not None:
            return kind == DayKind.WORKDAY
        return day.weekday() < 5

    def add(self, start, hours):
        """The moment `hours` of working time after `start` (aware datetime), in the town's time zone: office
        hours are the town's, whoever asks (the admin runs in each staff member's own profile zone)."""
        tz = api.town_zone(self.town)
        local = api.town_localtime(self.town, start)
        remaining = timedelta(hours=hours)
        day = local.date()
        horizon = day + timedelta(days=int(hours / max(self.day_hours, 1) * 2) + 60)
        self._load(day, horizon)
        while True:
            if day > horizon:
                horizon = day + timedelta(days=366)
                self._load(day, horizon)
            if self.is_working_day(day):
                opens = datetime.combine(day, self.opens, tzinfo=tz)
                closes = datetime.combine(day, self.closes, tzinfo=tz)
                begin = max(opens, local)
                if begin < closes:
                    if begin + remaining <= closes:
                        return begin + remaining
                    remaining -= closes - begin
            day += timedelta(days=1)

    def add_days(self, start, days):
        return self.add(start, days * self.day_hours)
