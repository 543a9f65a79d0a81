"""The admin compliance board: each village, each month, published on time, late or missing."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cunwu.plugins import api
from cunwu.plugins.api import admin_town

from .admin_views import refuse
from .finance_rules import town_findings
from .publication import DUE, LATE, MISSING, ON_TIME, compliance


def board(request):
    town = admin_town(request)
    if not api.is_enabled(town, "disclosure") or not api.has_town_perm(request.user, town, "disclosure.view_ledgermonth"):
        return refuse(request, _("Only the town's staff can see the publication board."))
    periods, rows = compliance(town)
    # A context keeps these short words apart from the same words in other plugins' catalogues.
    labels = {
        ON_TIME: pgettext("publication", "On time"), LATE: pgettext("publication", "Late"),
        MISSING: pgettext("publication", "Missing"), DUE: pgettext("publication", "Not yet due"),
    }
    table = [
        (village, [(year, month, state, labels[state], when) for year, month, state, when in cells])
        for village, cells in rows
    ]
    finance = town_findings(town)  # the finance warnings section (finance_rules.py)
    counts = {state: sum(1 for _v, cells in rows for cell in cells if cell[2] == state) for state in labels}
    return TemplateResponse(request, "disclosure/admin/board.html", {
        "town": town, "periods": periods, "table": table,
        "counts": [(state, labels[state], counts[state]) for state in (ON_TIME, LATE, MISSING, DUE)],
        "finance": finance, "finance_count": sum(len(found) for _v, found in finance),
    })
