"""Fixtures of the disclosure plugin's tests: a town that enabled it, its staff, and ledgers built in one call."""

from datetime import date
from decimal import Decimal

import pytest

from cunwu.towns.models import Role


@pytest.fixture
def dtown(town, enable_plugin):
    return enable_plugin(town, "disclosure")


@pytest.fixture
def beigou(dtown):
    return dtown.villages.get(name="北沟村")


@pytest.fixture
def editor(dtown, beigou, make_user):
    return make_user("cunbianji", dtown, Role.VILLAGE_EDITOR, beigou)


@pytest.fixture
def reviewer(dtown, make_user):
    return make_user("jianwei", dtown, Role.SUPERVISOR)


@pytest.fixture
def make_ledger(dtown):
    from disclosure.models import Category, LedgerMonth, LineItem

    def make(village, year=2026, month=3, lines=(), opening="1000.00", closing=None, **extra):
        ledger = LedgerMonth.objects.create(village=village, year=year, month=month, opening_balance=Decimal(opening), **extra)
        categories = {c.name: c for c in Category.objects.filter(town=village.town)}
        items = []
        for index, (kind, category, amount, purpose) in enumerate(lines):
            items.append(LineItem(
                ledger=ledger, date=date(year, month, min(index + 1, 28)), kind=kind, category=categories[category],
                amount=Decimal(amount), purpose=purpose, counterparty="县农业农村局", voucher_number=f"记-{index + 1:03d}",
            ))
        LineItem.objects.bulk_create(items)
        ledger.recompute_totals()
        ledger.closing_balance = Decimal(closing) if closing is not None else ledger.expected_closing
        ledger.save()
        return ledger

    return make


SAMPLE_LINES = [
    ("income", "补助收入", "12000.00", "村级组织运转经费"),
    ("income", "发包及上交收入", "3500.50", "鱼塘承包费"),
    ("expense", "管理费用", "10.00", "办公用品"),
    ("expense", "公益支出", "8600.00", "村道路灯维修"),
]


@pytest.fixture
def published(make_ledger, beigou, editor, reviewer):
    """北沟村 2026-03, submitted by the village editor and approved by the supervisor."""
    from disclosure import workflow

    ledger = make_ledger(beigou, lines=SAMPLE_LINES)
    workflow.submit(ledger, editor)
    return workflow.approve(ledger, reviewer)
