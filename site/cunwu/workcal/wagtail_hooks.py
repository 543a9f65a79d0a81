"""设置 › 工作日历: the town administrator's own town's holidays and make-up working days, and no other town's."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from cunwu.towns.viewsets import TownScopedSnippetViewSet

from .models import CalendarDay


class CalendarDayViewSet(TownScopedSnippetViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Working calendar")
    add_to_settings_menu = True
    menu_order = 12
    list_display = ["day", "kind", "name", "town"]
    list_filter = ["kind"]
    search_fields = ["name"]
    ordering = ["-day"]
    panels = [FieldPanel("town"), FieldPanel("day"), FieldPanel("kind"), FieldPanel("name")]


register_snippet(CalendarDayViewSet)
