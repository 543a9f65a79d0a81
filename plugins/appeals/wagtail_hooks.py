"""Admin: the case work list (town/village scoped) and the category list; cases change only through the workflow."""

import threading

from django.contrib.admin import SimpleListFilter
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail_modeladmin.helpers import ButtonHelper

from cunwu.plugins import api

from . import admin_views, assign, dashboard_views
from .limits import OPEN_STATES, level_display, town_settings
from .models import Case, Category
from .staff import StaffPhone


_LIST = threading.local()  # per-request cache of the towns' level names while the work list is drawn


class OverdueFilter(SimpleListFilter):
    title = gettext_lazy("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("On time"))]

    def queryset(self, request, queryset):
        late = {"state__in": OPEN_STATES, "due_at__lt": timezone.now()}
        if self.value() == "yes":
            return queryset.filter(**late)
        if self.value() == "no":
            return queryset.exclude(**late)
        return queryset


class ScopedChoiceFilter(SimpleListFilter):
    """Choices only from the user's own villages/categories, never another town's names."""

    def queryset(self, request, queryset):
        # An id that is not a number (a hand-edited address) filters nothing out rather than failing.
        value = self.value()
        if not value:
            return queryset
        return queryset.filter(**{f"{self.parameter_name}_id": int(value)}) if value.isascii() and value.isdigit() and len(value) < 10 else queryset


class VillageFilter(ScopedChoiceFilter):
    title = gettext_lazy("village")
    parameter_name = "village"

    def lookups(self, request, model_admin):
        villages = api.user_villages(request.user).filter(town__in=model_admin.listed_town_ids(request))
        return [(str(v.pk), v.name) for v in villages.order_by("town", "code", "name")]


class CategoryFilter(ScopedChoiceFilter):
    title = gettext_lazy("category")
    parameter_name = "category"

    def lookups(self, request, model_admin):
        categories = Category.objects.filter(town__in=model_admin.listed_town_ids(request))
        return [(str(c.pk), c.name) for c in categories]


class CaseButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        return [{
            "url": reverse("appeals_case_handle", args=[obj.pk]),
            "label": _("Open"),
            "classname": "button button-small",
            "title": _("See the case, its steps, and move it on"),
        }]


class CaseAdmin(api.TownScopedModelAdmin):
    model = Case
    town_field = "town"
    menu_label = gettext_lazy("Cases")
    menu_icon = "list-ul"
    list_display = ("tick", "number", "state", "level_badge", "village", "category", "kind", "handler", "due_at", "overdue_flag")
    list_filter = ("state", "level", VillageFilter, CategoryFilter, OverdueFilter)
    search_fields = ("number",)
    button_helper_class = CaseButtonHelper
    list_per_page = 50
    index_template_name = "appeals/admin/case_index.html"

    def index_view(self, request):
        response = super().index_view(request)
        if hasattr(response, "context_data") and admin_views.can_handle(request.user):
            from .assign import eligible_handlers

            response.context_data["bulk_handlers"] = eligible_handlers(request.user)
        if hasattr(response, "render"):
            _LIST.settings = {}
            try:
                response.render()  # the rows (and their level badges) are drawn while the cache is there
            finally:
                _LIST.settings = None
        return response

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return shown if admin_views.can_handle(request.user) else tuple(name for name in shown if name != "tick")

    def tick(self, obj):
        # The checkbox belongs to the bulk-assign form below the list (HTML form attribute).
        return format_html('<input type="checkbox" name="case" value="{}" form="appeals-bulk-assign" aria-label="{}">',
                           obj.pk, obj.number)

    tick.short_description = gettext_lazy("select")

    def get_queryset(self, request):
        # Village staff see their villages' cases; town roles (incl. supervisors) see the whole town.
        return (
            super().get_queryset(request)
            .filter(village__in=api.user_villages(request.user))
            .select_related("town", "village", "category", "handler")
        )

    def level_badge(self, obj):
        # The town's own name for the level beside its colour, so the level never rests on colour alone.
        from django.template.loader import render_to_string

        name, colour = level_display(obj.town, obj.level, self._town_settings(obj.town))
        return render_to_string("appeals/admin/_level_badge.html", {"name": name, "colour": colour})

    level_badge.short_description = gettext_lazy("triage level")
    level_badge.admin_order_field = "level"

    def _town_settings(self, town):
        """The plugin settings of each town on the page, read once per list rather than once per row."""
        cache = getattr(_LIST, "settings", None)
        if cache is None:
            return None
        if town.pk not in cache:
            cache[town.pk] = town_settings(town)
        return cache[town.pk]

    def overdue_flag(self, obj):
        if obj.state in OPEN_STATES and obj.overdue:
            return format_html('<span class="status-tag primary appeals-overdue-tag">{}</span>', _("Overdue"))
        return ""

    overdue_flag.short_description = gettext_lazy("overdue")

    def get_extra_attrs_for_row(self, obj, context):
        if obj.state in OPEN_STATES and obj.overdue:
            return {"class": "appeals-overdue", "data-overdue": "1"}
        return {}

    # A case's state changes only through the workflow screen, never through a free edit form.
    def create_view(self, request):
        raise PermissionDenied

    def edit_view(self, request, instance_pk):
        return redirect("appeals_case_handle", pk=instance_pk)

    def delete_view(self, request, instance_pk):
        raise PermissionDenied


class CategoryAdmin(api.TownScopedModelAdmin):
    model = Category
    town_field = "town"
    menu_label = gettext_lazy("Appeal categories")
    menu_icon = "folder-open-inverse"
    list_display = ("name", "kind_labels", "default_level", "village", "department", "sort_order")
    panels = [
        FieldPanel("town"), FieldPanel("name"), FieldPanel("kinds"), FieldPanel("default_level"), FieldPanel("village"),
        FieldPanel("department"), FieldPanel("handlers"), FieldPanel("sort_order"),
        MultiFieldPanel([FieldPanel(f"{level}_{limit}") for level in ("red", "yellow", "green")
                         for limit in ("accept_hours", "resolve_days")],
                        heading=gettext_lazy("Time limits of this category (empty: the town's limits for the level)")),
        InlinePanel("extra_fields", heading=gettext_lazy("Questions villagers answer for this category"),
                    label=gettext_lazy("Question")),
    ]


class StaffPhoneAdmin(api.TownScopedModelAdmin):
    model = StaffPhone
    town_field = "town"
    menu_label = gettext_lazy("Staff mobiles")
    menu_icon = "mobile-alt"
    list_display = ("user", "masked_phone", "last_digest_at")
    panels = [FieldPanel("town"), FieldPanel("user"), FieldPanel("phone")]


api.register_model_admin(CaseAdmin, plugin="appeals")
api.register_model_admin(StaffPhoneAdmin, plugin="appeals")
api.register_model_admin(CategoryAdmin, plugin="appeals")


@hooks.register("register_admin_urls")
def case_urls():
    return [
        path("appeals/case/<int:pk>/", admin_views.handle, name="appeals_case_handle"),
        path("appeals/case/<int:pk>/attachment/<int:attachment_pk>/", admin_views.attachment, name="appeals_case_attachment"),
        path("appeals/dashboard/", dashboard_views.dashboard, name="appeals_dashboard"),
        path("appeals/case/assign/", assign.bulk_assign, name="appeals_bulk_assign"),
    ]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(admin_views.towns_seeing_cases(request.user))


@hooks.register("register_admin_menu_item")
def dashboard_menu_item():
    return DashboardMenuItem(_("Appeals dashboard"), reverse("appeals_dashboard"), icon_name="table", order=310)


@hooks.register("construct_homepage_panels")
def watchdog_panel(request, panels):
    from .watchdog import WatchdogPanel, stale_warning

    user = request.user
    if not admin_views.towns_seeing_cases(user):
        return
    warning = stale_warning()
    if warning:
        panels.insert(0, WatchdogPanel(warning))


# Editor's guide (issue 16): this plugin's page of the admin's Chinese guide (shown where the plugin is on)
@hooks.register(api.GUIDE_TOPICS_HOOK)
def guide_topics():
    return [api.GuideTopic("appeal", "appeals/guide/appeal", order=30, permission="appeals.view_case")]
