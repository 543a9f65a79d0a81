"""Collective assets and leases: public register with totals and masked lessees, rent arithmetic, reminders once."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cunwu.towns.models import Role

pytestmark = pytest.mark.sqlite  # public pages: also run on SQLite, what `make run` serves


@pytest.fixture
def register(dtown, beigou):
    from disclosure.models import Asset, AssetKind, Lease

    pond = Asset.objects.create(village=beigou, kind=AssetKind.POND, name="东头鱼塘", location="北沟村东组",
                                area=Decimal("12.50"), value=Decimal("50000.00"))
    Lease.objects.create(asset=pond, contract_number="BG-2024-01", lessee="张三明", starts_on=date(2024, 3, 1),
                         ends_on=date(2027, 2, 28), annual_rent=Decimal("4000.00"), rent_paid=Decimal("4000.00"))
    hall = Asset.objects.create(village=dtown.villages.get(name="向阳村"), kind=AssetKind.BUILDING, name="集体厂房",
                                area=Decimal("860.00"), area_unit="m2", value=Decimal("420000.00"))
    Lease.objects.create(asset=hall, lessee="县兴农农机专业合作社", lessee_is_person=False, starts_on=date(2025, 7, 1),
                         ends_on=date(2026, 6, 30), annual_rent=Decimal("12000.00"), rent_paid=Decimal("12000.00"))
    Asset.objects.create(village=beigou, kind=AssetKind.LAND, name="村集体机动地", area=Decimal("35.00"))
    return pond, hall


def test_rent_due_follows_the_term_and_what_was_paid(register):
    lease = register[0].leases.get()
    assert lease.years == 3
    assert lease.rent_due(date(2024, 2, 1)) == 0 and lease.next_due_on(date(2024, 2, 1)) == date(2024, 3, 1)
    assert lease.rent_due(date(2024, 12, 1)) == 0 and lease.next_due_on(date(2024, 12, 1)) == date(2025, 3, 1)
    # two lease years begun, one paid: a year's rent outstanding
    assert lease.rent_due(date(2025, 3, 1)) == Decimal("4000.00")
    assert lease.rent_due(date(2026, 5, 1)) == Decimal("8000.00") and lease.next_due_on(date(2026, 5, 1)) is None


@pytest.mark.django_db
def test_public_register_masks_people_and_shows_totals(client, register, beigou):
    with time_machine.travel(datetime(2026, 4, 1, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        page = client.get("/p/disclosure/assets/", HTTP_HOST="localhost")
    html = page.content.decode()
    assert page.status_code == 200
    assert "张*明" in html and "张三明" not in html
    assert "县兴农农机专业合作社" in html  # a company's name is public
    assert "东头鱼塘" in html and "村集体机动地" in html and "未出租" in html
    totals = page.context["totals"]
    assert totals["count"] == 3 and totals["value"] == Decimal("470000.00")
    assert totals["mu"] == Decimal("47.50") and totals["m2"] == Decimal("860.00")
    assert totals["rent"] == Decimal("16000.00") and totals["due"] == Decimal("8000.00")  # the pond's 3rd year begun, 1 paid
    one_village = client.get(f"/p/disclosure/assets/?village={beigou.code}", HTTP_HOST="localhost").context["totals"]
    assert one_village["count"] == 2
    assert client.get("/p/disclosure/assets/?village=nope&kind=zzz", HTTP_HOST="localhost").status_code == 200


@pytest.mark.django_db
def test_lease_end_and_rent_due_reminders_are_sent_once(register, dtown, beigou, make_user):
    from cunwu.notifications.models import Notification
    from disclosure.tasks import lease_sweep

    editor = make_user("bgbianji", dtown, Role.VILLAGE_EDITOR, beigou)
    with time_machine.travel(datetime(2026, 1, 10, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        assert lease_sweep()[dtown.slug] == {"lease_ends": 0, "rents_due": 0}
    with time_machine.travel(datetime(2026, 2, 5, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        assert lease_sweep()[dtown.slug] == {"lease_ends": 0, "rents_due": 1}  # the pond's third year, 2026-03-01
        assert lease_sweep()[dtown.slug] == {"lease_ends": 0, "rents_due": 0}
    with time_machine.travel(datetime(2026, 6, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        assert lease_sweep()[dtown.slug] == {"lease_ends": 1, "rents_due": 0}  # the workshop, 2026-06-30
        assert lease_sweep()[dtown.slug] == {"lease_ends": 0, "rents_due": 0}
    bodies = list(Notification.objects.filter(recipient=editor).order_by("created_at").values_list("body", flat=True))
    assert len(bodies) == 2
    assert "2026-03-01" in bodies[0] and "4000.00" in bodies[0] and "张*明" in bodies[0] and "张三明" not in bodies[0]
    assert "2026-06-30" in bodies[1] and "集体厂房" in bodies[1]
