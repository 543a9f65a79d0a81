"""Early warnings in the admin: a panel on the dashboard, and the supervisors' mobiles the warnings' SMS go to.

Imported by wagtail_hooks, which is what registers the hooks below."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component

from cunwu.plugins import api

from .record_warning_models import SupervisorMobile
from .record_warnings import visible_warnings

PANEL_ROWS = 10


class RecordWarningsPanel(Component):
    """On the admin home page of whoever was told of (or supervises) a warning: the newest ones."""

    name = "disclosure_record_warnings"
    order = 20
    template_name = "disclosure/record_warnings/dashboard_panel.html"

    def __init__(self, warnings, total):
        self.warnings, self.total = warnings, total

    def get_context_data(self, parent_context):
        return {"warnings": self.warnings, "total": self.total}


def warnings_panel(request):
    """The panel for this request's user in the town the admin acts on, or None when there is nothing to show."""
    town = api.admin_town(request)
    if town is None or not api.is_enabled(town, "disclosure"):
        return None
    warnings = visible_warnings(request.user, town)
    rows = list(warnings.select_related("record__village", "step").prefetch_related("recipients")[:PANEL_ROWS])
    if not rows:
        return None
    return RecordWarningsPanel(rows, len(rows) if len(rows) < PANEL_ROWS else warnings.count())


class SupervisorMobileAdmin(api.TownScopedModelAdmin):
    model = SupervisorMobile
    town_field = "town"
    menu_label = gettext_lazy("Supervisors' mobiles")
    menu_icon = "mobile-alt"
    list_display = ("user", "masked_phone")
    panels = [FieldPanel("town"), FieldPanel("user"), FieldPanel("phone")]


api.register_model_admin(SupervisorMobileAdmin, plugin="disclosure")


@hooks.register("construct_homepage_panels")
def record_warnings_panel(request, panels):
    panel = warnings_panel(request)
    if panel is not None:
        panels.insert(0, panel)
