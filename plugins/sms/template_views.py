"""The town admin's screen of message events: every event of every plugin the town enabled, with its default
wording filled in, mapped to the template code the provider approved and the town's own text."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem

from cunwu.plugins import api

from .models import SmsTemplate

CHANGE = "sms.change_smstemplate"


class EventTemplateForm(forms.Form):
    template_code = forms.CharField(label=gettext_lazy("template code"), max_length=60, required=False)
    text = forms.CharField(label=gettext_lazy("text"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


def town_for(request):
    """The admin town, when the user may map its templates and it has SMS on."""
    town = api.admin_town(request)
    if town is None or not api.is_enabled(town, "sms") or not api.has_town_perm(request.user, town, CHANGE):
        raise PermissionDenied
    return town


def rows(town, data=None):
    """(event, plugin name, form) for each event of the town's enabled plugins, the mapping or the default in it."""
    own = {row.event: row for row in SmsTemplate.objects.filter(town=town)}
    names = {config.label: config.display_name for config in api.enabled_plugins(town)}
    found = []
    for code, (event, label) in sorted(api.message_events(town).items(), key=lambda item: (item[1][1], item[0])):
        mapped = own.get(code)
        initial = {"template_code": mapped.template_code if mapped else "",
                   "text": mapped.text if mapped else str(event.default_text)}
        found.append((event, names.get(label, label), EventTemplateForm(data, prefix=code, initial=initial)))
    return found


def templates(request):
    town = town_for(request)
    found = rows(town, request.POST if request.method == "POST" else None)
    if request.method == "POST" and all(form.is_valid() for _event, _name, form in found):
        with transaction.atomic():
            for event, _name, form in found:
                if form.has_changed():
                    SmsTemplate.objects.update_or_create(town=town, event=event.code, defaults=form.cleaned_data)
        messages.success(request, _("The SMS templates of %(town)s are saved.") % {"town": town.name})
        return redirect("sms_templates")
    return TemplateResponse(request, "sms/admin/templates.html", {"town": town, "rows": found},
                            status=400 if request.method == "POST" else 200)


class TemplatesMenuItem(MenuItem):
    def is_shown(self, request):
        return any(api.is_enabled(town, "sms") for town in api.towns_with_perm(request.user, CHANGE))
