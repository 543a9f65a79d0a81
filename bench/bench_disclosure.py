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


def _report_plans(report, label, captured):
    """EXPLAIN every query of the page that reads line items; a sequential scan of 100k lines is the thing to avoid."""
    from django.db import connection

    plans = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if "disclosure_lineitem" not in sql or not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN " + sql)
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    scans = sum("Seq Scan on disclosure_lineitem" in plan for plan in plans)
    nodes = sorted({line.strip().split(" on ")[0].lstrip("-> ").strip() for plan in plans for line in plan.splitlines()
                    if " on disclosure_lineitem" in line})
    report(f"{label}: line-item queries by index", f"{len(plans) - scans}/{len(plans)}", "", ", ".join(nodes))
    if scans:
        for plan in plans:
            if "Seq Scan on disclosure_lineitem" in plan:
                print(plan)


def run(report):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from disclosure.importer import import_lines, read_rows
    from disclosure.models import LedgerMonth

    town = _town()
    village = town.villages.get()
    started = time.perf_counter()
    ledger = _published_ledger(village)
    report("seed 100k published line items", time.perf_counter() - started, "s")
    # Statistics and the visibility map as autovacuum leaves them on a live site; without them the planner
    # guesses from an empty table and index-only scans are impossible.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE disclosure_lineitem")
        cursor.execute("ANALYZE disclosure_ledgermonth")

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
    _report_plans(report, "ledger page", captured)

    category = ledger.category_totals["expense"][0][0]
    from disclosure.models import Category

    category_id = Category.objects.get(town=town, kind="expense", name=category).pk
    for label, query in [("filtered by expense + category", f"&kind=expense&category={category_id}"),
                         ("page 500 of 1000", "&page=500")]:
        client.get(url + query, HTTP_HOST="localhost")
        timings = []
        for _n in range(15):
            began = time.perf_counter()
            assert client.get(url + query, HTTP_HOST="localhost").status_code == 200
            timings.append((time.perf_counter() - began) * 1000)
        report(f"ledger page, 100k lines, {label}: median", statistics.median(timings), "ms", "15 requests")
        with CaptureQueriesContext(connection) as captured:
            client.get(url + query, HTTP_HOST="localhost")
        _report_plans(report, f"{label}", captured)

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
