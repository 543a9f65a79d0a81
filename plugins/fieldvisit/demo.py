"""Demo check-ins: a few per demo village, by its supervision committee. Safe to run again (a village that has
check-ins gets none more). Positions are made up around a point per town, a few hundred metres per village."""

import hashlib
from decimal import Decimal

from cunwu.plugins import api

from .models import CheckIn

NOTES = ["查看村务公开栏，财务公开已更新到上月。", "走访农户，了解低保评议情况，无异议。", "核对工程项目现场进度，与公示一致。"]


def spot(town, village, index):
    """A stable made-up position: the same town and village always land on the same spot."""
    digest = hashlib.sha256(f"{town.pk}:{village.name}".encode()).digest()
    lat = Decimal("30.250000") + Decimal(digest[0] % 40) / 1000 + Decimal(index) / 5000
    lon = Decimal("120.150000") + Decimal(digest[1] % 40) / 1000 + Decimal(index % 2) / 4000
    return lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001"))


def load_demo(town, villages):
    for village in villages:
        if CheckIn.objects.filter(village=village).exists():
            continue
        people = list(api.committee_members(village).order_by("pk"))
        directors = set(api.committee_directors(village).values_list("pk", flat=True))
        if not people:  # no committee seated: nobody to check in
            continue
        for index, person in enumerate(people[i % len(people)] for i in range(3)):
            lat, lon = spot(town, village, index)
            role = api.Role.VILLAGE_SUPERVISOR_DIRECTOR if person.pk in directors else api.Role.VILLAGE_SUPERVISOR
            CheckIn.objects.create(town=town, village=village, user=person, role=role, latitude=lat, longitude=lon,
                                   accuracy_m=Decimal(12 + 6 * index), note=NOTES[index % len(NOTES)])
