from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.views import CreateView, EditView

from cunwu.plugins import api

from . import admin_views, board_views, import_views, matter_admin_views, payment_admin_views
from .admin_forms import CategoryForm, LedgerForm
from .models import Asset, Category, LedgerMonth, Matter, PaymentList, Status
from . import county_board_views, meeting_admin, record_admin_views, record_stats_views


class TotalsMixin:
    """Totals are stored for the public pages; they follow the lines saved with the form."""

    def form_valid(self, form):
        response = super().form_valid(form)
        self.instance.recompute_totals()
        self.instance.save(update_fields=["total_income", "total_expense", "line_count", "category_totals"])
        return response


class LedgerCreateView(TotalsMixin, CreateView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"].created_by = self.request.user
        return kwargs


class LedgerEditView(TotalsMixin, EditView):
    pass


class LedgerButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        exclude = list(exclude or [])
        if obj.status in (Status.SUBMITTED, Status.PUBLISHED, Status.SUPERSEDED):
            exclude += ["edit", "delete"]
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        buttons.insert(0, {
            "url": reverse("disclosure_ledger_review", args=[obj.pk]),
            "label": _("Review and history"),
            "classname": "button button-small button-secondary",
            "title": _("Submit, approve, return or correct this ledger"),
        })
        return buttons


class LedgerMonthAdmin(api.TownScopedModelAdmin):
    model = LedgerMonth
    town_field = "village__town"
    menu_label = gettext_lazy("Finance ledgers")
    menu_icon = "table"
    list_display = ("village", "year", "month", "version", "status", "total_income", "total_expense", "closing_balance")
    list_filter = ("status", "year", "village")
    create_view_class = LedgerCreateView
    edit_view_class = LedgerEditView
    button_helper_class = LedgerButtonHelper
    edit_handler = ObjectList([
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("village"), FieldPanel("year"), FieldPanel("month")]),
             FieldRowPanel([FieldPanel("opening_balance"), FieldPanel("closing_balance")])],
            heading=gettext_lazy("Month"),
        ),
        InlinePanel("lines", heading=gettext_lazy("Line items"), label=gettext_lazy("line item")),
    ], base_form_class=LedgerForm)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("village")

    def _refuse_if_frozen(self, request, instance_pk, deleting):
        ledger = get_object_or_404(self.get_queryset(request), pk=instance_pk)
        if ledger.is_locked:
            message = _("This ledger has been published and cannot be deleted.") if deleting else _(
                "This ledger has been published and cannot be changed. To fix a mistake, start a correction: "
                "villagers will see what changed and why."
            )
        elif ledger.status == Status.SUBMITTED:
            message = _("This ledger is waiting for review; it can be changed again only if the reviewer returns it.")
        else:
            return None
        return TemplateResponse(
            request, "disclosure/admin/refused.html", {"ledger": ledger, "message": message}, status=409
        )

    def edit_view(self, request, instance_pk):
        return self._refuse_if_frozen(request, instance_pk, False) or super().edit_view(request, instance_pk)

    def delete_view(self, request, instance_pk):
        return self._refuse_if_frozen(request, instance_pk, True) or super().delete_view(request, instance_pk)


class CategoryAdmin(api.TownScopedModelAdmin):
    model = Category
    town_field = "town"
    menu_label = gettext_lazy("Ledger categories")
    menu_icon = "folder-open-inverse"
    list_display = ("name", "kind", "parent", "sort_order")
    list_filter = ("kind",)
    edit_handler = ObjectList(
        [FieldPanel("town"), FieldPanel("parent"), FieldPanel("kind"), FieldPanel("name"), FieldPanel("sort_order")],
        base_form_class=CategoryForm,
    )


class MatterButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        exclude = list(exclude or [])
        if obj.is_locked:
            exclude += ["edit", "delete"]
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        small = "button button-small button-secondary"
        if obj.status == "draft":
            buttons.insert(0, {"url": reverse("disclosure_matter_action", args=[obj.pk, "publish"]), "label": _("Publish"),
                               "classname": small, "title": _("Publish this matter")})
        elif obj.status == "published":
            buttons.insert(0, {"url": reverse("disclosure_matter_action", args=[obj.pk, "correct"]),
                               "label": _("Correct"), "classname": small, "title": _("Start a correction as a new version")})
        return buttons


class MatterAdmin(api.TownScopedModelAdmin):
    model = Matter
    town_field = "town"
    menu_label = gettext_lazy("Power list")
    menu_icon = "list-ol"
    button_helper_class = MatterButtonHelper
    list_display = ("code", "title", "category", "list_type", "version", "status")
    list_filter = ("status", "category", "list_type")
    search_fields = ("code", "title")
    index_template_name = "disclosure/admin/matter_index.html"
    panels = [
        FieldRowPanel([FieldPanel("town"), FieldPanel("code"), FieldPanel("live")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("list_type")]),
        FieldPanel("policy_basis"), FieldPanel("conditions"), FieldPanel("materials"),
        InlinePanel("steps", heading=gettext_lazy("Steps"), label=gettext_lazy("step")),
    ]

    def _refuse_if_published(self, request, instance_pk, deleting):
        matter = get_object_or_404(self.get_queryset(request), pk=instance_pk)
        if not matter.is_locked:
            return None
        message = _("A published matter cannot be deleted.") if deleting else _(
            "This matter has been published and cannot be changed. To change it, start a correction: "
            "villagers will see what changed and why.")
        return TemplateResponse(request, "disclosure/admin/refused.html", {"message": message}, status=409)

    def edit_view(self, request, instance_pk):
        return self._refuse_if_published(request, instance_pk, False) or super().edit_view(request, instance_pk)

    def delete_view(self, request, instance_pk):
        return self._refuse_if_published(request, instance_pk, True) or super().delete_view(request, instance_pk)


class PaymentListButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        exclude = list(exclude or [])
        if obj.is_locked:
            exclude += ["edit", "delete"]
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        small = "button button-small button-secondary"
        buttons.append({"url": reverse("disclosure_payment_export", args=[obj.pk]), "label": _("Export households"),
                        "classname": small, "title": _("Download the households as Excel (recorded in the audit trail)")})
        if not obj.is_locked:
            buttons[:0] = [
                {"url": reverse("disclosure_payment_import", args=[obj.pk]), "label": _("Import households"),
                 "classname": small, "title": _("Add households from a CSV or Excel file")},
                {"url": reverse("disclosure_payment_publish", args=[obj.pk]), "label": _("Publish"),
                 "classname": small, "title": _("Publish the list; it is frozen afterwards")},
            ]
        return buttons


class PaymentListAdmin(api.TownScopedModelAdmin):
    model = PaymentList
    button_helper_class = PaymentListButtonHelper
    town_field = "village__town"
    menu_label = gettext_lazy("Benefit payments")
    menu_icon = "user"
    list_display = ("village", "year", "programme", "published_at")
    panels = [
        FieldRowPanel([FieldPanel("village"), FieldPanel("year"), FieldPanel("programme")]),
        InlinePanel("payments", heading=gettext_lazy("Households"), label=gettext_lazy("payment")),
    ]

    def _refuse_if_published(self, request, instance_pk, deleting):
        payment_list = get_object_or_404(self.get_queryset(request), pk=instance_pk)
        if not payment_list.is_locked:
            return None
        message = _("A published payment list cannot be deleted.") if deleting else _("A published payment list cannot be changed.")
        return TemplateResponse(request, "disclosure/admin/refused.html", {"message": message}, status=409)

    def edit_view(self, request, instance_pk):
        return self._refuse_if_published(request, instance_pk, False) or super().edit_view(request, instance_pk)

    def delete_view(self, request, instance_pk):
        return self._refuse_if_published(request, instance_pk, True) or super().delete_view(request, instance_pk)


class AssetAdmin(api.TownScopedModelAdmin):
    model = Asset
    town_field = "village__town"
    menu_label = gettext_lazy("Collective assets")
    menu_icon = "home"
    list_display = ("village", "kind", "name", "location", "area", "value")
    list_filter = ("kind", "village")
    search_fields = ("name", "location")
    panels = [
        FieldRowPanel([FieldPanel("village"), FieldPanel("kind"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("location"), FieldPanel("area"), FieldPanel("area_unit")]),
        FieldRowPanel([FieldPanel("value"), FieldPanel("acquired_on")]),
        FieldPanel("note"),
        InlinePanel("leases", heading=gettext_lazy("Contracts and leases"), label=gettext_lazy("lease")),
    ]


api.register_model_admin(LedgerMonthAdmin, plugin="disclosure")
api.register_model_admin(AssetAdmin, plugin="disclosure")
api.register_model_admin(PaymentListAdmin, plugin="disclosure")
api.register_model_admin(MatterAdmin, plugin="disclosure")
api.register_model_admin(CategoryAdmin, plugin="disclosure")


@hooks.register("register_admin_urls")
def ledger_review_urls():
    return [
        path("disclosure/power/import-default/", admin_views.import_catalogue, name="disclosure_import_catalogue"),
        path("disclosure/board/", board_views.board, name="disclosure_board"),
        path("disclosure/matter/<int:pk>/<str:verb>/", matter_admin_views.action, name="disclosure_matter_action"),
        path("disclosure/payments/<int:pk>/import/", payment_admin_views.upload, name="disclosure_payment_import"),
        path("disclosure/payments/<int:pk>/export.xlsx", payment_admin_views.export, name="disclosure_payment_export"),
        path("disclosure/payments/<int:pk>/publish/", payment_admin_views.publish, name="disclosure_payment_publish"),
        path("disclosure/payments/template.xlsx", payment_admin_views.template, name="disclosure_payment_template"),
        path("disclosure/ledger/<int:pk>/review/", admin_views.review, name="disclosure_ledger_review"),
        path("disclosure/ledger/<int:pk>/import/", import_views.upload, name="disclosure_ledger_import"),
        path("disclosure/import/<int:pk>/", import_views.job, name="disclosure_import_job"),
        path("disclosure/import/template.xlsx", import_views.template, name="disclosure_import_template"),
        path("disclosure/records/", record_admin_views.records, name="disclosure_records"),
        path("disclosure/records/new/", record_admin_views.new_record, name="disclosure_record_new"),
        path("disclosure/records/<int:pk>/", record_admin_views.record, name="disclosure_record"),
        path("disclosure/records/document/<int:pk>/", record_admin_views.document, name="disclosure_record_document"),
        path("disclosure/records/stats/", record_stats_views.stats, name="disclosure_record_stats"),
        path("disclosure/records/stats.csv", record_stats_views.stats_csv, name="disclosure_record_stats_csv"),
        path("disclosure/county/", county_board_views.board, name="disclosure_county_board"),
        path("disclosure/county/<int:town_id>/", county_board_views.town, name="disclosure_county_town"),
        path("disclosure/county/<int:town_id>/<int:village_id>/", county_board_views.village,
             name="disclosure_county_village"),
        path("disclosure/meetings/", meeting_admin.meeting_list, name="disclosure_meetings"),
        path("disclosure/meetings/new/", meeting_admin.new_meeting, name="disclosure_meeting_new"),
        path("disclosure/meetings/<int:pk>/", meeting_admin.meeting_view, name="disclosure_meeting"),
    ]


@hooks.register("register_log_actions")
def ledger_log_actions(actions):
    actions.register_action("disclosure.submit", _("Submit ledger"), _("Submitted for review"))
    actions.register_action("disclosure.return", _("Return ledger"), _("Returned with a comment"))
    actions.register_action("disclosure.approve", _("Approve ledger"), _("Approved and published"))
    actions.register_action("disclosure.correct", _("Correct ledger"), _("Correction started"))
    actions.register_action("disclosure.import", _("Import ledger lines"), _("Lines imported from a file"))
    actions.register_action("disclosure.supersede", _("Supersede ledger"), _("Replaced by a correction"))
    actions.register_action("disclosure.publish_matter", _("Publish matter"), _("Matter published"))
    actions.register_action("disclosure.correct_matter", _("Correct matter"), _("Matter correction started"))
    actions.register_action("disclosure.supersede_matter", _("Supersede matter"), _("Matter replaced by a correction"))
    actions.register_action("disclosure.import_payments", _("Import households"), _("Households imported from a file"))
    actions.register_action("disclosure.publish_payments", _("Publish payment list"), _("Payment list published"))
    actions.register_action("disclosure.open_record", _("Open power record"), _("Power record opened"))
    actions.register_action("disclosure.close_step", _("Close record step"), _("Record step closed"))
    actions.register_action("disclosure.refuse_step", _("Refuse record step"), _("Record step refused, sent back"))
    actions.register_action("disclosure.force_step", _("Force record step closed"), _("Record step forced closed"))
    actions.register_action("disclosure.record_opinion", _("Supervision opinion"), _("Supervision opinion written"))
    actions.register_action("disclosure.record_rectification_ordered", _("Order rectification"), _("Rectification ordered"))
    actions.register_action("disclosure.record_rectification_reported", _("Report rectification"), _("Rectification reported done"))
    actions.register_action("disclosure.record_rectification_closed", _("Close rectification"), _("Rectification closed"))
    actions.register_action("disclosure.record_rectification_returned", _("Send rectification back"), _("Rectification sent back"))
    actions.register_action("disclosure.publish_meeting", _("Publish meeting"), _("Supervision meeting published"))
    actions.register_action("disclosure.meeting_responsibility_done", _("Responsibility done"), _("Responsibility marked done"))
    actions.register_action("disclosure.meeting_addendum", _("Meeting addendum"), _("Addendum added to a meeting"))


class BoardMenuItem(MenuItem):
    def is_shown(self, request):
        towns = api.towns_with_perm(request.user, "disclosure.view_ledgermonth")
        return any(api.is_enabled(town, "disclosure") for town in towns)


@hooks.register("register_admin_menu_item")
def board_menu_item():
    return BoardMenuItem(gettext_lazy("Publication board"), reverse("disclosure_board"), icon_name="date", order=320)


@hooks.register("register_admin_menu_item")
def records_menu_item():
    return record_admin_views.menu_item()


@hooks.register("register_admin_menu_item")
def county_board_menu_item():
    return county_board_views.menu_item()


@hooks.register("register_admin_menu_item")
def meetings_menu_item():
    return meeting_admin.menu_item()


@hooks.register("register_admin_viewset")
def register_block_pickers():
    # The village and matter pickers of the finance-summary and power-list blocks (issue 16).
    from .choosers import matters, villages

    return [villages, matters]


# Editor's guide (issue 16): this plugin's page of the admin's Chinese guide (shown where the plugin is on)
@hooks.register(api.GUIDE_TOPICS_HOOK)
def guide_topics():
    return [api.GuideTopic("finance", "disclosure/guide/finance", order=20, permission="disclosure.view_ledgermonth")]


# Early warnings on power records: the dashboard panel and the supervisors' mobiles (registered on import).
from . import record_warning_admin  # noqa: E402,F401
from .record_report_admin import RecordReportAdmin  # noqa: E402  (problems reported on power records)

api.register_model_admin(RecordReportAdmin, plugin="disclosure")
