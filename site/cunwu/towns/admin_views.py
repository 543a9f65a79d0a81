"""The town's own settings page, and the platform operator's list of towns."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cunwu.plugins.registry import get_plugin, settings_form_class
from cunwu.plugins.switch import plugin_settings, save_plugin_settings, set_plugin_enabled

from .access import default_town_for
from .authz import has_town_perm, towns_with_perm
from .forms import NewTownForm, TownSettingsForm
from .models import Town
from .services import TownError, create_town


def _plugin_forms(town, data=None):
    forms = []
    for label in sorted(town.enabled_plugin_labels):
        config = get_plugin(label)
        form_class = settings_form_class(config) if config else None
        if form_class is not None:
            forms.append((config, form_class(data, initial=plugin_settings(town, label), prefix=f"plugin-{label}")))
    return forms


SETTINGS_PERMISSION = "towns.change_town"


def settings_town(user, request):
    """The town the settings screen opens on: the admin town if the user may change it, else the first they may."""
    town = default_town_for(user, request)
    if has_town_perm(user, town, SETTINGS_PERMISSION):
        return town
    return towns_with_perm(user, SETTINGS_PERMISSION).order_by("pk").first()


def town_settings(request, town_id=None):
    # Town settings and the plugin switches are one screen: both need the permission in this very town.
    town = get_object_or_404(Town, pk=town_id) if town_id else settings_town(request.user, request)
    if not has_town_perm(request.user, town, SETTINGS_PERMISSION):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = TownSettingsForm(data, instance=town)
    plugin_forms = _plugin_forms(town, data)
    if data is not None and form.is_valid() and all(f.is_valid() for _c, f in plugin_forms):
        with transaction.atomic():
            form.save()
            for config, plugin_form in plugin_forms:
                save_plugin_settings(town, config.label, plugin_form.cleaned_data)
            wanted = set(form.cleaned_data["plugins"])
            for label in sorted(wanted ^ set(town.enabled_plugin_labels)):
                set_plugin_enabled(town, label, label in wanted)
        messages.success(request, _("The settings of %(town)s were saved.") % {"town": town.name})
        return redirect(request.path)
    if data is not None:
        messages.error(request, _("The settings could not be saved. Please correct the errors below."))
    return TemplateResponse(
        request,
        "cunwu/admin/town_settings.html",
        {"town": town, "form": form, "plugin_forms": plugin_forms, "towns": None},
        status=400 if data is not None else 200,
    )


def town_list(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    form = NewTownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            town, _created = create_town(
                name=form.cleaned_data["name"],
                hostname=form.cleaned_data["hostname"],
                theme=form.cleaned_data["theme"],
                villages=form.village_names(),
                plugins=form.cleaned_data["plugins"],
            )
        except TownError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The town %(town)s was created.") % {"town": town.name})
            return redirect("cunwu_towns")
    return TemplateResponse(
        request,
        "cunwu/admin/town_list.html",
        {"towns": Town.objects.select_related("site"), "form": form},
        status=400 if request.method == "POST" else 200,
    )
