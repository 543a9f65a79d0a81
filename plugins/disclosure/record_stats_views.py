"""The admin screen 权力运行统计 (power record statistics) and its CSV: the town's last 12 months of power in
operation at one of three levels, each limited to what the user may see:

- village: the villages the user works for or supervises in the town (api.user_villages), e.g. a committee member's own;
- town: every village of one town, with the town's total: for whoever sees every village of it (town roles,
  the county's supervisors);
- county: every town of the town's county, with the county's total: for the county's supervisors only.

A level, town or village outside the user's scope is a 404, as if it did not exist.
"""

import csv
import io

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cunwu.plugins import api

from . import charts
from .admin_views import refuse
from .record_stats import last_months, month_totals, monthly_rows, unit_totals

VIEW = "disclosure.view_powerrecord"
VILLAGE, TOWN, COUNTY = "village", "town", "county"
COLUMNS = [  # (key, heading): the screen's tables and the CSV share them
    ("opened", gettext_lazy("Records opened")),
    ("closed", gettext_lazy("Records closed")),
    ("steps_closed", gettext_lazy("Steps closed")),
    ("steps_on_time", gettext_lazy("Steps closed on time")),
    ("on_time_rate", gettext_lazy("On-time rate (%)")),
    ("warnings", gettext_lazy("Early warnings")),
    ("rectifications_ordered", gettext_lazy("Rectifications ordered")),
    ("rectifications_closed", gettext_lazy("Rectifications closed")),
    ("rectifications_overdue", gettext_lazy("Rectifications overdue at month end")),
]
OPENED_COLOUR, CLOSED_COLOUR, WARNING_COLOUR = "#1565c0", "#2e7d32", "#c62828"


def _town(request):
    """The town asked for (`town`), else the one the admin acts on; a 404 for a town the user cannot read."""
    readable = api.towns_with_perm(request.user, VIEW)
    asked = request.GET.get("town", "")
    if asked:
        town = readable.filter(pk=int(asked)).first() if asked.isdigit() else None
    else:
        town = api.admin_town(request)
        town = town if town is not None and readable.filter(pk=town.pk).exists() else None
    if town is None or not api.is_enabled(town, "disclosure"):
        raise Http404
    return town


def _county(request, town):
    """The town's county, if the user supervises it (a county supervisor of it, or a superuser)."""
    county = api.county_of(town)
    if county is None:
        return None
    if request.user.is_superuser or api.county_supervisors(town).filter(pk=request.user.pk).exists():
        return county
    return None


def _sees_whole_town(request, town):
    return api.user_villages(request.user, town).count() == town.villages.count()


def _scope(request):
    """(level, town, county, whole town?, units, total label) for the request, or a 404."""
    town = _town(request)
    county = _county(request, town)
    whole_town = _sees_whole_town(request, town)
    level = request.GET.get("level") or (TOWN if whole_town else VILLAGE)
    if level == COUNTY and county is not None:
        # the towns of this county the user supervises that run the plugin (one query whatever their number)
        units = api.supervised_towns(request.user).filter(
            county_membership__county=county, pk__in=api.enabled_towns("disclosure").values("pk")).order_by("name")
        return level, town, county, whole_town, units, _("%(county)s total") % {"county": county.name}
    if level == TOWN and whole_town:
        units = api.user_villages(request.user, town).order_by("sort_order", "name")
        return level, town, county, whole_town, units, _("%(town)s total") % {"town": town.name}
    if level == VILLAGE:
        units = api.user_villages(request.user, town).order_by("sort_order", "name")
        asked = request.GET.get("village", "")
        if asked:
            units = units.filter(pk=int(asked)) if asked.isdigit() else units.none()
            if not units.exists():
                raise Http404
        return level, town, county, whole_town, units, _("Total")
    raise Http404


def _figures(request):
    level, town, county, whole_town, units, total_label = _scope(request)
    months = last_months(town)
    rows = monthly_rows(units, months)
    totals = month_totals(rows, months, unit=None)
    return {"level": level, "town": town, "county": county, "months": months, "rows": rows, "totals": totals,
            "by_unit": unit_totals(rows, months), "total_label": total_label,
            "whole_town": whole_town}


def _label(year, month):
    return f"{year}-{month:02d}"


def _cells(row):
    return ["" if row[key] is None else row[key] for key, _heading in COLUMNS]


def _query(**params):
    return "?" + urlencode({key: value for key, value in params.items() if value not in (None, "")})


def _links(request, figures):
    """The levels this user may switch to, and where each unit of the by-unit table drills down to."""
    town, here = figures["town"], reverse("disclosure_record_stats")
    levels = [(VILLAGE, _("By village of my scope"), here + _query(level=VILLAGE, town=town.pk))]
    if figures["whole_town"]:
        levels.append((TOWN, _("Whole town"), here + _query(level=TOWN, town=town.pk)))
    if figures["county"] is not None:
        levels.append((COUNTY, _("Whole county"), here + _query(level=COUNTY, town=town.pk)))
    if figures["level"] == COUNTY:
        drill = [here + _query(level=TOWN, town=row["unit"].pk) for row in figures["by_unit"]]
    else:
        drill = [here + _query(level=VILLAGE, town=town.pk, village=row["unit"].pk) for row in figures["by_unit"]]
    return levels, drill


def stats(request):
    if not api.towns_with_perm(request.user, VIEW).exists():
        return refuse(request, _("Only the town's staff and supervisors can see the statistics of power records."))
    figures = _figures(request)
    labels = [_label(year, month) for year, month in figures["months"]]
    totals = figures["totals"]
    chart = charts.count_bars(
        [f"{year % 100:02d}-{month:02d}" for year, month in figures["months"]],  # short, or twelve overlap
        [(_("Records opened"), OPENED_COLOUR, [row["opened"] for row in totals]),
         (_("Records closed"), CLOSED_COLOUR, [row["closed"] for row in totals])],
        (_("Early warnings"), WARNING_COLOUR, [row["warnings"] for row in totals]),
        _("Records opened and closed and early warnings per month"))
    levels, drill = _links(request, figures)
    params = {"level": figures["level"], "town": figures["town"].pk, "village": request.GET.get("village", "")}
    return TemplateResponse(request, "disclosure/record_stats/index.html", {
        **figures, "chart": chart, "columns": COLUMNS, "levels": levels,
        "month_rows": [(label, _cells(row)) for label, row in zip(labels, totals)],
        "unit_rows": [(row["unit"].name, link, _cells(row)) for row, link in zip(figures["by_unit"], drill)],
        "csv_url": reverse("disclosure_record_stats_csv") + _query(**params),
    })


def stats_csv(request):
    """The same figures as a CSV for Excel: UTF-8 with a BOM (or Excel reads the Chinese as mojibake), one row per
    unit and month, then the total of each month: the screen's month-by-month table."""
    figures = _figures(request)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([_("Unit"), _("Month"), *[str(heading) for _key, heading in COLUMNS]])
    for row in figures["rows"]:
        writer.writerow([row["unit"].name, _label(row["year"], row["month"]), *_cells(row)])
    for row in figures["totals"]:
        writer.writerow([figures["total_label"], _label(row["year"], row["month"]), *_cells(row)])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"power-records-{figures['level']}-{figures['town'].slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
