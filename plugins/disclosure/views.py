"""Public finance pages: a village's published ledger by month, with filters, totals, charts and downloads."""

import csv
from decimal import Decimal

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from cunwu.plugins import api

from . import charts, queries
from .models import Category, Kind
from .params import int_param
from .record_citation import record_link
from .workflow import history

PER_PAGE = 100


def _village(request, code):
    town = api.current_town(request)
    return get_object_or_404(town.villages.all(), code=code)


def index(request):
    town = api.current_town(request)
    villages = list(town.villages.all())
    latest = queries.latest_published(town.villages.all())
    rows = [(village, latest.get(village.pk)) for village in villages]
    return render(request, "disclosure/index.html", {"rows": rows, "town": town})


def _selected(request, village):
    """The published version of the month asked for, or the newest one."""
    year, month = int_param(request.GET.get("year")), int_param(request.GET.get("month"))
    months = queries.published_months(village).order_by("-year", "-month")
    if year and month:
        return months.filter(year=year, month=month).first()
    return months.first()


def ledger(request, village):
    village = _village(request, village)
    selected = _selected(request, village)
    context = {"village": village, "ledger": selected, "town": village.town}
    if selected is None:
        return render(request, "disclosure/ledger.html", context, status=404 if request.GET.get("month") else 200)
    kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else ""
    category = int_param(request.GET.get("category"))
    # Page through ids alone (an index-only scan of (ledger, date, id)), then load the page's hundred lines:
    # a deep page then skips index entries, not joined rows.
    ids = queries.filtered_lines(selected, kind, category).order_by("date", "id").values_list("id", flat=True)
    paginator = Paginator(ids, PER_PAGE)
    unfiltered = not kind and not category
    if unfiltered:
        paginator.count = selected.line_count  # stored with the published month, which never changes
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = queries.lines_in_order(list(page.object_list))
    for line in page.object_list:
        line.record_link = record_link(line.record) if line.record_id else None
    year_months = list(queries.published_months(village, selected.year).order_by("month"))
    monthly = [(f"{m.month}月", m.total_income, m.total_expense) for m in year_months]
    context.update({
        "page": page,
        "kind": kind,
        "category": category,
        "categories": Category.objects.filter(town=village.town).order_by("kind", "sort_order"),
        "totals": {"income": {"total": selected.total_income}, "expense": {"total": selected.total_expense}}
        if unfiltered else queries.totals(queries.filtered_lines(selected, kind, category)),
        "year_months": year_months,
        "history": history(selected),
        "monthly_chart": charts.monthly_bars(monthly, _("%(year)s income and expenditure by month") % {"year": selected.year}),
        "category_chart": charts.category_bars(
            [(name, Decimal(total)) for name, total in selected.category_totals.get("expense", [])],
            _("Spending by category, %(year)s-%(month)02d") % {"year": selected.year, "month": selected.month},
        ),
        "Kind": Kind,
    })
    return render(request, "disclosure/ledger.html", context)


HEADERS = ["date", "kind", "category", "amount", "counterparty", "purpose", "voucher_number", "proposer", "approver", "resolution"]


def _header_labels():
    return [_("Date"), _("Income or expenditure"), _("Ledger category"), _("Amount (yuan)"), _("Counterparty"), _("Purpose"),
            _("Voucher number"), _("Proposed by"), _("Approved by"), _("Meeting resolution")]


def _rows(selected, kind, category):
    lines = queries.filtered_lines(selected, kind, category).select_related("category").order_by("date", "id")
    labels = dict(Kind.choices)
    for line in lines.iterator(chunk_size=2000):
        yield [line.date.isoformat(), str(labels[line.kind]), line.category.name, f"{line.amount:.2f}", line.counterparty,
               line.purpose, line.voucher_number, line.proposer, line.approver, line.resolution]


class _Echo:
    def write(self, value):
        return value


def download(request, village, fmt):
    village = _village(request, village)
    selected = _selected(request, village)
    if selected is None or fmt not in ("csv", "xlsx"):
        raise Http404
    kind = request.GET.get("kind") if request.GET.get("kind") in Kind.values else ""
    category = int_param(request.GET.get("category"))
    filename = f"{village.code}-{selected.year}-{selected.month:02d}.{fmt}"
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def generate():
            yield "\ufeff"
            yield writer.writerow(_header_labels())
            for row in _rows(selected, kind, category):
                yield writer.writerow(row)
        response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet(f"{selected.year}-{selected.month:02d}")
        sheet.append(_header_labels())
        for row in _rows(selected, kind, category):
            row[3] = Decimal(row[3])
            sheet.append(row)
        response = HttpResponse(content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        book.save(response)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
