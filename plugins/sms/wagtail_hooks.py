"""Admin: the town's outbox (status, attempts, last error, masked number, resend) and its event templates."""

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail_modeladmin.helpers import ButtonHelper

from cunwu.plugins import api

from . import template_views
from .models import SmsMessage, SmsStatus
from .outbox import daily_figures, event_label, resend

RESEND = "sms.change_smsmessage"


class EventFilter(SimpleListFilter):
    title = gettext_lazy("event")
    parameter_name = "event"

    def lookups(self, request, model_admin):
        events = api.message_events()
        return sorted(((code, str(event.description)) for code, (event, _label) in events.items()), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(event=self.value()) if self.value() else queryset


class OutboxButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        if obj.status != SmsStatus.FAILED or not api.has_town_perm(self.request.user, obj.town, RESEND):
            return []
        return [{
            "url": reverse("sms_resend", args=[obj.pk]),
            "label": _("Resend"),
            "classname": "button button-small button-secondary",
            "title": _("Send this message again"),
        }]


class OutboxAdmin(api.TownScopedModelAdmin):
    model = SmsMessage
    town_field = "town"
    menu_label = gettext_lazy("SMS outbox")
    menu_icon = "mail"
    menu_order = 320
    list_display = ("created_at", "event_name", "masked_phone", "status", "attempts", "error", "sent_at")
    list_filter = ("status", EventFilter)
    button_helper_class = OutboxButtonHelper
    index_template_name = "sms/admin/outbox_index.html"
    list_per_page = 50

    def event_name(self, obj):
        return event_label(obj.event)

    event_name.short_description = gettext_lazy("event")

    def masked_phone(self, obj):
        return obj.masked_phone

    masked_phone.short_description = gettext_lazy("mobile")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("town")

    def index_view(self, request):
        response = super().index_view(request)
        town = api.admin_town(request)
        if hasattr(response, "context_data") and town is not None and town.pk in self.listed_town_ids(request):
            response.context_data["figures_town"] = town
            response.context_data["daily_figures"] = daily_figures(town)
        return response

    # The outbox is a record: rows are written by the plugins that send, never by hand.
    def create_view(self, request):
        raise PermissionDenied

    def edit_view(self, request, instance_pk):
        raise PermissionDenied

    def delete_view(self, request, instance_pk):
        raise PermissionDenied


api.register_model_admin(OutboxAdmin, plugin="sms")


def resend_view(request, pk):
    """GET asks to confirm, POST queues the failed message again; only in the message's own town."""
    message = get_object_or_404(SmsMessage.objects.select_related("town"), pk=pk)
    if not api.is_enabled(message.town, "sms") or not api.has_town_perm(request.user, message.town, RESEND):
        raise PermissionDenied
    listing = reverse("sms_smsmessage_modeladmin_index")
    if request.method == "POST":
        if resend(message):
            messages.success(request, _("The message to %(phone)s is queued again.") % {"phone": message.masked_phone})
        else:
            messages.error(request, _("Only a failed message can be sent again."))
        return redirect(listing)
    return TemplateResponse(request, "sms/admin/resend.html", {
        "message": message, "event": event_label(message.event), "listing": listing,
    })


@hooks.register("register_admin_urls")
def sms_admin_urls():
    return [
        path("sms/outbox/<int:pk>/resend/", resend_view, name="sms_resend"),
        path("sms/templates/", template_views.templates, name="sms_templates"),
    ]


@hooks.register("register_admin_menu_item")
def templates_menu_item():
    return template_views.TemplatesMenuItem(_("SMS templates"), reverse("sms_templates"), icon_name="doc-full", order=321)
