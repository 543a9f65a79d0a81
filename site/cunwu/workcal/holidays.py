"""The State Council's holidays and make-up working days, year by year, and seeding a town's calendar with them.

data/cn_holidays.json holds the years whose notice (国务院办公厅关于某年部分节假日安排的通知) is published; a year
without one seeds nothing, so a town keeps counting plain weekends until the data file gains it.
"""

import json
from datetime import date
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "cn_holidays.json"


@lru_cache(maxsize=None)
def _data():
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def official_days(year):
    """[(day, kind, name)] of the official calendar of `year`; [] for a year whose notice is not in the data."""
    data = _data().get(str(year))
    if not data:
        return []
    return [(date.fromisoformat(day), kind, name)
            for kind, key in (("holiday", "holidays"), ("workday", "workdays")) for day, name in data[key]]


def seed_rows(model, town_id, years):
    """Add to `model` (CalendarDay, or its historical model in a migration) the official days of `years` that the
    town has no entry for; an entry the town edited is never overwritten."""
    official = [entry for year in years for entry in official_days(year)]
    if not official:
        return 0
    taken = set(model.objects.filter(town_id=town_id, day__in=[day for day, _kind, _name in official])
                .values_list("day", flat=True))
    rows = [model(town_id=town_id, day=day, kind=kind, name=name) for day, kind, name in official if day not in taken]
    model.objects.bulk_create(rows, ignore_conflicts=True)  # a concurrent seed may have added some meanwhile
    return len(rows)


def seed(town, year=None):
    """Add the official holidays and make-up days of `year` (default: this year in the town) it has not set itself."""
    from cunwu.towns.clock import town_today

    from .models import CalendarDay

    return seed_rows(CalendarDay, town.pk, [year or town_today(town).year])


def seed_new_town(sender, instance, created, raw=False, **kwargs):
    """post_save of Town: a new town starts with the official calendar of this year and the next (where known)."""
    if created and not raw:
        from cunwu.towns.clock import town_today

        from .models import CalendarDay

        this_year = town_today(instance).year
        seed_rows(CalendarDay, instance.pk, [this_year, this_year + 1])
