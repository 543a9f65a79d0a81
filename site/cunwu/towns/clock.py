"""One time zone per town: every deadline, working day, monthly figure, reminder and publication date
of a town is counted in `Town.time_zone`, whoever is signed in (Wagtail switches the admin's current
zone to each user's profile zone, so `timezone.localtime()` alone would differ from user to user).
"""

import datetime
import zoneinfo

from django.conf import settings
from django.utils import timezone


def town_zone(town):
    name = getattr(town, "time_zone", "") or settings.TIME_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def town_localtime(town, value=None):
    """An aware datetime (now if None) in the town's zone."""
    return timezone.localtime(value if value is not None else timezone.now(), town_zone(town))


def town_now(town):
    return town_localtime(town)


def town_today(town):
    return town_localtime(town).date()


def town_datetime(town, day, time=datetime.time.min):
    """An aware datetime at `time` on `day` in the town's zone."""
    return datetime.datetime.combine(day, time, tzinfo=town_zone(town))


def town_month_bounds(town, year, month):
    """[start, end) of a calendar month in the town's zone, as aware datetimes."""
    start = town_datetime(town, datetime.date(year, month, 1))
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return start, town_datetime(town, following)
