"""Disclosure: a village ledger page with 100k line items, and importing 100k rows from XLSX."""

import io
import statistics
import time
import resource
from datetime import date
from decimal import Decimal

ROWS = 100_000


def _town():
    from cunwu.plugins.switch import set_plugin_enabled
    from cunwu.towns.services import create_town
    from wagtail.models import Page

    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    town, _created = create_town(name="基准镇", hostname="localhost", villages=("基准村",), theme="default", is_default=True, slug="bench")
    set_plugin_enabled(town, "disclosure", True)
    town.__dict__.pop("enabled_plugin_labels", None)
    return town


def _published_ledger(village):
    from disclosure.models import Category, Kind, LedgerMonth, LineItem, Status

    categories = list(Category.objects.filter(town=village.town, kind=Kind.EXPENSE))
    income = Category.objects.filter(town=village.town, kind=Kind.INCOME).first()
    ledger = LedgerMonth.objects.create(village=village, year=2026, month=3, opening_balance=Decimal("1000000.00"))
    batch = []
    for n in range(ROWS):
        kind = Kind.INCOME if n % 5 == 0 else Kind.EXPENSE
        batch.append(LineItem(ledger=ledger, date=date(2026, 3, 1 + n % 28), kind=kind,
                              category=income if kind == Kind.INCOME else categories[n % len(categories)],
                              amount=Decimal("12.34"), purpose=f"第{n}笔", voucher_number=f"记-{n}"))
        if len(batch) == 10_000:
            LineItem.objects.bulk_create(batch)
            batch = []
    ledger.recompute_totals()
    ledger.closing_balance = ledger.expected_closing
    ledger.status = Status.PUBLISHED
    ledger.save()
    return ledger


def _xlsx(rows):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["日期", "收支类型", "科目", "金额（元）", "用途/摘要"])
    for n in range(rows):
        sheet.append([f"2026-04-{1 + n % 28:02d}", "支出", "公益支出", "1.50", f"第{n}笔"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(report):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from disclosure.importer import import_lines, read_rows
    from disclosure.models import LedgerMonth

    town = _town()
    village = town.villages.get()
    started = time.perf_counter()
    _published_ledger(village)
    report("seed 100k published line items", time.perf_counter() - started, "s")

    client = Client()
    url = f"/p/disclosure/ledger/{village.code}/?year=2026&month=3"
    client.get(url, HTTP_HOST="localhost")
    timings = []
    for _n in range(30):
        began = time.perf_counter()
        response = client.get(url, HTTP_HOST="localhost")
        timings.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as captured:
        client.get(url, HTTP_HOST="localhost")
    report("ledger page, 100k lines: median", statistics.median(timings), "ms", "30 requests, target < 150 ms")
    report("ledger page, 100k lines: queries", len(captured), "queries", "same as for 10 lines (tested)")

    data = _xlsx(ROWS)
    draft = LedgerMonth.objects.create(village=village, year=2026, month=4)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    result = import_lines(draft, read_rows("bench.xlsx", data))
    elapsed = time.perf_counter() - began
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert result.ok and result.created == ROWS, result.errors[:3]
    report("import 100k XLSX rows", ROWS / elapsed, "rows/s", f"{elapsed:.1f} s, check + save in one transaction")
    report("import 100k XLSX rows: peak RSS of the process", rss_after / 1024, "MiB", f"{(rss_after - rss_before) / 1024:.0f} MiB above the peak before")
