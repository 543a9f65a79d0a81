"""Tracking numbers: the town's date (YYYYMMDD) and that day's sequence, never handed out twice.

The first 999 cases of a town's day keep the 11-digit form villagers know (20261202001 … 20261202999). The intake
never closes: from the 1,000th case the sequence simply grows (202612021000, 2026120210000, …; up to
99,999,999 a day, the 16 characters the column holds). One number has one spelling: a 3-digit sequence may start
with zeros, a longer one never does, so 20261202001 and 2026120200001 cannot both name case 1.
"""

import re
import unicodedata
from datetime import date

from django.db import connection

from cunwu.plugins import api

from .models import DailyCounter

MAX_LENGTH = 16
NUMBER = re.compile(r"(\d{8})(\d{3}|[1-9]\d{3,7})", re.ASCII)  # ASCII: \d would take any script's digits
# What people type around the digits: spaces, hyphens (20261202-001), full-width forms (NFKC makes them ASCII).
SEPARATORS = re.compile(r"[\s\-_.·]")


def format_number(day, sequence):
    if not 1 <= sequence < 10 ** (MAX_LENGTH - 8):
        raise ValueError(sequence)
    return f"{day:%Y%m%d}{sequence:03d}"


def parse_number(text):
    """(day, sequence) of a tracking number as a villager may type it; ValueError if it cannot be one."""
    cleaned = SEPARATORS.sub("", unicodedata.normalize("NFKC", str(text)))
    match = NUMBER.fullmatch(cleaned)
    if match is None:
        raise ValueError(text)
    digits, sequence = match.groups()
    day = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))  # ValueError for 20261399
    if int(sequence) == 0:
        raise ValueError(text)
    return day, int(sequence)


def normalise(text):
    """The stored spelling of a typed tracking number (ValueError if it cannot be one)."""
    return format_number(*parse_number(text))


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
    return format_number(day, sequence)
