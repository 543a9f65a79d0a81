"""The admin's monthly dashboard of a town, with CSV and XLSX export."""

import csv
import io
import re

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cunwu.plugins import api

from .admin_views import towns_seeing_cases, visible_cases
from .dashboard import COLUMNS, MIN_SAMPLE, monthly, rows_for_export
from .watchdog import stale_warning


def _headers():
    return [_("Dimension"), _("Name"), _("Received"), _("Accepted on time %"), _("Resolved"), _("Resolved on time %"),
            _("Median handling time (hours)"), _("Rated"), _("Satisfaction %"), _("Closed as not rated"), _("Ranked")]


def _month(town, value):
    today = api.town_today(town)
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", value or "")
    if match and 1 <= int(match[2]) <= 12 and 2000 <= int(match[1]) <= today.year + 1:
        return int(match[1]), int(match[2]), True
    return today.year, today.month, not value


def dashboard(request):
    towns = towns_seeing_cases(request.user)
    wanted = request.GET.get("town")
    town = next((t for t in towns if str(t.pk) == wanted), None) if wanted else next(iter(towns), None)
    if town is None:
        raise PermissionDenied
    year, month, valid = _month(town, request.GET.get("month"))
    result = monthly(town, year, month, cases=visible_cases(request.user).filter(town=town))
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        rows = list(rows_for_export(result))
        # The handlers' rows name staff members: an export of personal data, on the town's audit trail (read by
        # its discipline supervisor). Only what was exported is noted, never the names or figures themselves.
        api.audit(request, town, "appeals.export", _filename(town, year, month, export), format=export,
                  month=f"{year}-{month:02d}", rows=len(rows))
        return (_csv if export == "csv" else _xlsx)(rows, town, year, month)
    widest = max([row["received"] for _name, row in result["village"]] or [1]) or 1
    return TemplateResponse(request, "appeals/admin/dashboard.html", {
        "town": town, "towns": towns, "watchdog": stale_warning(), "month": f"{year}-{month:02d}", "result": result, "widest": widest,
        "min_sample": MIN_SAMPLE, "error": "" if valid else _("Enter the month as YYYY-MM, e.g. 2026-03."),
    }, status=200 if valid else 400)


def _filename(town, year, month, ext):
    return f"appeals-{town.slug}-{year}-{month:02d}.{ext}"


def _csv(rows, town, year, month):
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV with Chinese correctly only with a BOM
    writer = csv.writer(out)
    writer.writerow(_headers())
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(town, year, month, "csv")}"'
    return response


def _xlsx(rows, town, year, month):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = f"{year}-{month:02d}"
    sheet.append(_headers())
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{_filename(town, year, month, "xlsx")}"'
    return response

