"""Problems villagers reported on power records, listed for the village's staff and the town's supervisor when the
town does not run appeals (with appeals on, each report is a case in its own list)."""

from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel

from cunwu.plugins import api

from .record_reports import RecordReport


class RecordReportAdmin(api.TownScopedModelAdmin):
    model = RecordReport
    town_field = "record__village__town"
    menu_label = gettext_lazy("Reports on power records")
    menu_icon = "warning"
    list_display = ("number", "record", "created_at", "handled")
    list_filter = ("handled",)
    search_fields = ("number", "record__tracking_code", "record__title", "content")
    panels = [FieldPanel("content", read_only=True), FieldPanel("name", read_only=True),
              FieldPanel("phone", read_only=True), FieldPanel("handled")]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("record")
