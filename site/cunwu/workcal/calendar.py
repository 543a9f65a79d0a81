"""Working-time arithmetic on a town's calendar: weekends, its holidays and its make-up working days (调休).

A day is a working day when the calendar says so (a make-up Saturday), or it is Monday–Friday and the calendar
does not list it as a holiday. Time limits run only inside the town's office hours on working days.
"""

from datetime import date, datetime, time, timedelta

from cunwu.towns.clock import town_localtime, town_zone

from .models import CalendarDay, DayKind


class WorkingCalendar:
    """Working-time arithmetic for one town; reads the town's calendar entries once per horizon."""

    def __init__(self, town, opens=time(9), closes=time(17)):
        self.town = town
        self.opens, self.closes = opens, closes
        self.day_hours = (datetime.combine(date.min, closes) - datetime.combine(date.min, opens)).total_seconds() / 3600
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
        self._load(day, day)
        kind = self._entries.get(day)
        if kind is not None:
            return kind == DayKind.WORKDAY
        return day.weekday() < 5

    def add(self, start, hours):
        """The moment `hours` of working time after `start` (aware datetime), in the town's time zone: office
        hours are the town's, whoever asks (the admin runs in each staff member's own profile zone)."""
        tz = town_zone(self.town)
        local = town_localtime(self.town, start)
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

    def day_after(self, day, days):
        """The `days`-th working day after the date `day` (a limit "within 5 working days" ends on it)."""
        while days > 0:
            day += timedelta(days=1)
            days -= self.is_working_day(day)
        return day
