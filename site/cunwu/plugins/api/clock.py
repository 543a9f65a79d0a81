"""The town's clock and working calendar: every deadline, day and month of a town is counted in its own zone.

Part of the plugin API: plugins import these from `cunwu.plugins.api`, never from here."""

import datetime


def town_zone(town):
    """The town's time zone (a ZoneInfo): count every deadline, day and month of the town in it."""
    from cunwu.towns.clock import town_zone as zone

    return zone(town)


def town_now(town):
    from cunwu.towns.clock import town_now as now

    return now(town)


def town_today(town):
    from cunwu.towns.clock import town_today as today

    return today(town)


def town_localtime(town, value=None):
    from cunwu.towns.clock import town_localtime as localtime

    return localtime(town, value)


def town_month_bounds(town, year, month):
    """[start, end) of a month in the town's zone, as aware datetimes."""
    from cunwu.towns.clock import town_month_bounds as bounds

    return bounds(town, year, month)


def working_calendar(town, opens=None, closes=None):
    """The town's WorkingCalendar (holidays and make-up days of 设置 › 工作日历) with office hours opens–closes
    (datetime.time, default 09:00–17:00): .add(start, hours), .add_days(start, days), .is_working_day(day),
    .day_hours. Keep one for a batch of sums: it reads the town's calendar once per horizon."""
    from cunwu.workcal.calendar import WorkingCalendar

    hours = {name: value for name, value in (("opens", opens), ("closes", closes)) if value is not None}
    return WorkingCalendar(town, **hours)


def add_working_days(town, start, days):
    """`days` working days after `start`: for an aware datetime, the moment, counted in office hours
    (09:00–17:00, town zone); for a date, the `days`-th working day after it (the last day of the limit)."""
    calendar = working_calendar(town)
    return calendar.add_days(start, days) if isinstance(start, datetime.datetime) else calendar.day_after(start, days)


def is_working_day(town, day):
    """Is `day` (a date) a working day in the town: a make-up day, or Monday–Friday that is no holiday of its."""
    return working_calendar(town).is_working_day(day)
