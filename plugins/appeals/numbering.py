"""Tracking numbers: YYYYMMDD plus a 3-digit sequence per town and day, never handed out twice."""

from django.db import connection

from cunwu.plugins import api

from .models import DailyCounter


class DailyLimitReached(Exception):
    pass


def next_number(town, now=None):
    """One upsert that both creates the day's counter and bumps it, so concurrent callers serialise on the row."""
    day = api.town_localtime(town, now).date()  # the town's day, whoever's zone the request runs in
    table = DailyCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (town_id, day, last) VALUES (%s, %s, 1) "
            f"ON CONFLICT (town_id, day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [town.pk, day],
        )
        sequence = cursor.fetchone()[0]
    if sequence > 999:
        raise DailyLimitReached(day)
    return f"{day:%Y%m%d}{sequence:03d}"
