"""Demo content: a year of plausible ledgers per village, benefit payments and the default power list. Idempotent."""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from cunwu.plugins import api

from . import record_demo
from .catalogue import import_default_catalogue
from .categories import seed_categories
from .models import Asset, AssetKind, Category, Kind, LedgerMonth, Lease, LineItem, Matter, Payment, PaymentList, Status

INCOME = [("补助收入", "村级组织运转经费", 8000, 15000), ("发包及上交收入", "鱼塘承包费", 2000, 6000),
          ("经营收入", "集体厂房租金", 10000, 18000), ("其他收入", "存款利息", 20, 200)]
EXPENSE = [("管理费用", "办公用品", 10, 600), ("管理费用", "村干部误工补贴", 3000, 6000), ("公益支出", "村道路灯维修", 500, 9000),
           ("公益支出", "垃圾清运", 800, 2000), ("经营支出", "厂房水电维修", 200, 3000), ("其他支出", "会议费", 100, 800)]
ZERO_VALUE = Decimal("0.00")
SURNAMES = "张王李赵刘陈杨黄周吴"
GIVEN = ["建国", "秀英", "志明", "桂兰", "海燕", "德明", "玉兰", "春生", "金花", "永强"]


def _money(rng, low, high):
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _published_on_time(town, year, month):
    """The 3rd of the following month at 10:00 in the town, before any reminder: the demo villages publish on time."""
    following = api.town_month_bounds(town, year, month)[1].replace(day=3, hour=10)
    return min(following, timezone.now())


@transaction.atomic
def load(town, villages):
    seed_categories(town)
    import_default_catalogue(town)
    categories = {(c.kind, c.name): c for c in Category.objects.filter(town=town)}
    today = api.town_today(town)
    # The twelve months up to last month, so the publication board shows a village that is up to date.
    months = [((today.year * 12 + today.month - 1 - back) // 12, (today.year * 12 + today.month - 1 - back) % 12 + 1)
              for back in range(12, 0, -1)]
    for village in villages:
        rng = random.Random(f"{town.slug}-{village.code}")
        balance = _money(rng, 50000, 200000)
        for year, month in months:
            ledger, created = LedgerMonth.objects.get_or_create(
                village=village, year=year, month=month, version=1, defaults={"opening_balance": balance}
            )
            if created:
                items = [
                    LineItem(ledger=ledger, date=date(year, month, rng.randint(1, 28)), kind=kind, category=categories[(kind, cat)],
                             amount=_money(rng, low, high), purpose=purpose, counterparty="", voucher_number=f"记-{month:02d}{n:02d}")
                    for n, (kind, (cat, purpose, low, high)) in enumerate(
                        [(Kind.INCOME, row) for row in rng.sample(INCOME, 2)] + [(Kind.EXPENSE, row) for row in rng.sample(EXPENSE, 4)]
                    )
                ]
                LineItem.objects.bulk_create(items)
                ledger.recompute_totals()
                ledger.closing_balance = ledger.expected_closing
                ledger.status, ledger.published_at = Status.PUBLISHED, _published_on_time(town, year, month)
                ledger.save()
            balance = ledger.closing_balance
        payment_list, created = PaymentList.objects.get_or_create(village=village, year=year, programme="耕地地力保护补贴")
        if created:
            Payment.objects.bulk_create(
                Payment(payment_list=payment_list, household_head=rng.choice(SURNAMES) + rng.choice(GIVEN),
                        id_last4=f"{rng.randint(0, 9999):04d}", bank_last4=f"{rng.randint(0, 9999):04d}",
                        amount=_money(rng, 80, 900), paid_on=date(year, 6, 15))
                for _n in range(20)
            )
            payment_list.published_at = timezone.now()
            payment_list.save()
        if not Asset.objects.filter(village=village).exists():
            _demo_assets(village, rng, year)
    record_demo.load(town, villages)
    from .meeting_demo import load as load_meetings

    load_meetings(town, list(villages))


def _demo_assets(village, rng, year):
    pond = Asset.objects.create(village=village, kind=AssetKind.POND, name="东头鱼塘", location=f"{village.name}东组",
                                area=Decimal("12.50"), value=_money(rng, 30000, 80000))
    rent = _money(rng, 3000, 6000)
    Lease.objects.create(asset=pond, contract_number=f"{village.code}-2021-01", lessee=rng.choice(SURNAMES) + rng.choice(GIVEN),
                         starts_on=date(year - 2, 3, 1), ends_on=date(year + 3, 2, 28), annual_rent=rent, rent_paid=rent * 3)
    workshop = Asset.objects.create(village=village, kind=AssetKind.BUILDING, name="集体厂房", location=f"{village.name}村委会北侧",
                                    area=Decimal("860.00"), area_unit="m2", value=_money(rng, 300000, 600000))
    rent = _money(rng, 10000, 18000)
    Lease.objects.create(asset=workshop, contract_number=f"{village.code}-2024-02", lessee="县兴农农机专业合作社",
                         lessee_is_person=False, starts_on=date(year, 7, 1), ends_on=date(year + 2, 6, 30),
                         annual_rent=rent, rent_paid=rent)
    Asset.objects.create(village=village, kind=AssetKind.LAND, name="村集体机动地", location=f"{village.name}南坡",
                         area=Decimal("35.00"), value=ZERO_VALUE)


def statistics(town):
    ledgers = LedgerMonth.objects.filter(village__town=town, status=Status.PUBLISHED).count()
    payments = Payment.objects.filter(payment_list__village__town=town, payment_list__published_at__isnull=False).aggregate(n=Count("id"))["n"]
    matters = Matter.objects.filter(town=town, live=True).count()
    assets = Asset.objects.filter(village__town=town).count()
    return [
        api.Figure(_("Monthly ledgers published"), ledgers, _("months")),
        api.Figure(_("Benefit payments published"), payments, _("households")),
        api.Figure(_("Power list matters disclosed"), matters, _("matters")),
        api.Figure(_("Collective assets registered"), assets, _("items")),
    ]
