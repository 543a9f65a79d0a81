"""The audit trail and retention screens in the admin (issue 10, personal data).

Both are plain views rather than Wagtail model viewsets: the trail must offer no add, edit or delete to anyone
(a viewset would have to switch each off), and both act on one town at a time, chosen like Town settings.
"""

import csv
import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.paginator import WagtailPaginator

from cunwu.towns.access import default_town_for
from cunwu.towns.authz import has_town_perm, town_ids_with_perm, towns_with_perm
from cunwu.towns.clock import town_datetime, town_localtime
from cunwu.towns.models import Town
from cunwu.towns.privacy import mask_text

from .audit import ACTION_LABELS, AUDIT_PERMISSION, action_label, audit
from .models import AuditEntry, RetentionPolicy, RetentionRun
from .retention import MIN_DAYS, sweep_town, town_rules

RETENTION_PERMISSION = "towns.change_town"  # the town administrator's: the same as Town settings
PER_PAGE = 50
# One "audit.view" line per reader and town within this time, not one per page turned or filter tried.
VIEW_RECORDED_FOR = datetime.timedelta(minutes=30)


def _town(request, town_id, permission):
    """The town the screen acts on (the host's town if the user holds `permission` there, else their first)."""
    if town_id:
        town = get_object_or_404(Town, pk=town_id)
    else:
        town = default_town_for(request.user, request)
        if not has_town_perm(request.user, town, permission):
            town = towns_with_perm(request.user, permission).order_by("pk").first()
    if town is None or not has_town_perm(request.user, town, permission):
        raise PermissionDenied
    return town


def _other_towns(request, permission, town):
    towns = towns_with_perm(request.user, permission).order_by("name")
    return towns if towns.count() > 1 else []


# The audit trail ------------------------------------------------------------------------------------------

class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("action"), required=False)
    date_from = forms.DateField(label=gettext_lazy("from"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=gettext_lazy("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data, town):
        super().__init__(data)
        self.town = town
        used = AuditEntry.objects.filter(town=town).values_list("action", flat=True).distinct()
        codes = sorted(set(used) | set(ACTION_LABELS))
        self.fields["action"].choices = [("", _("All actions"))] + [(code, action_label(code)) for code in codes]

    def filter(self, entries):
        if not self.is_valid():
            return entries.none()
        data = self.cleaned_data
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["date_from"]:
            entries = entries.filter(at__gte=town_datetime(self.town, data["date_from"]))
        if data["date_to"]:
            entries = entries.filter(at__lt=town_datetime(self.town, data["date_to"] + datetime.timedelta(days=1)))
        return entries

    def summary(self):
        return {key: str(value) for key, value in (self.cleaned_data if self.is_valid() else {}).items() if value}


def _row(town, entry):
    detail = ", ".join(f"{key}={value}" for key, value in sorted((entry.detail or {}).items())
                       if value not in ({}, [], "", None))
    # The trail is meant to hold no personal data; masked again in case a caller passed some.
    return {
        "at": town_localtime(town, entry.at), "username": entry.username or "-", "action": action_label(entry.action),
        "code": entry.action, "target": mask_text(entry.target), "detail": mask_text(detail), "ip": entry.ip or "",
    }


def _record_view(request, town, form):
    recent = AuditEntry.objects.filter(
        town=town, action="audit.view", user=request.user, at__gte=timezone.now() - VIEW_RECORDED_FOR)
    if not recent.exists():
        audit(request, town, "audit.view", _("audit trail"), filters=form.summary())


def _csv(request, town, form, entries):
    audit(request, town, "audit.export", _("audit trail"), filters=form.summary())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{town.slug}-{timezone.now():%Y%m%d}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # Excel opens UTF-8 Chinese only with the byte order mark
    writer = csv.writer(response)
    writer.writerow([_("time"), _("user name"), _("action"), _("object"), _("address"), _("detail")])
    for entry in entries.iterator():
        row = _row(town, entry)
        writer.writerow([f"{row['at']:%Y-%m-%d %H:%M:%S}", row["username"], row["action"], row["target"],
                         row["ip"], row["detail"]])
    return response


@require_GET  # read-only for everyone: no form on this screen changes anything
def audit_trail(request, town_id=None):
    town = _town(request, town_id, AUDIT_PERMISSION)
    form = AuditFilterForm(request.GET, town)
    entries = form.filter(AuditEntry.objects.filter(town=town))
    if request.GET.get("format") == "csv":
        return _csv(request, town, form, entries)
    _record_view(request, town, form)
    paginator = WagtailPaginator(entries, PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    csv_query = request.GET.copy()
    csv_query.pop("p", None)
    csv_query["format"] = "csv"
    return TemplateResponse(request, "cunwu/security/audit_trail.html", {
        "town": town, "form": form, "page": page, "rows": [_row(town, entry) for entry in page],
        "elided_page_range": paginator.get_elided_page_range(page.number), "csv_query": csv_query.urlencode(),
        "towns": _other_towns(request, AUDIT_PERMISSION, town),
    }, status=200 if form.is_valid() else 400)


# Retention periods ----------------------------------------------------------------------------------------

def _field_name(config, rule):
    return f"{config.label}__{rule.key}"


class RetentionForm(forms.Form):
    def __init__(self, data, rules):
        super().__init__(data)
        self.rules = rules
        for config, rule, days in rules:
            self.fields[_field_name(config, rule)] = forms.IntegerField(
                label=f"{config.display_name} · {rule.description}", min_value=MIN_DAYS, max_value=36500,
                initial=days, help_text=_("Days after which the records lose their personal data (default %(days)d).")
                % {"days": rule.default_days})

    def save(self, town):
        changed = {}
        for config, rule, days in self.rules:
            chosen = self.cleaned_data[_field_name(config, rule)]
            if chosen != days:
                changed[_field_name(config, rule)] = chosen
            if chosen == rule.default_days:
                # No row: a later default of the plugin applies to this town too.
                RetentionPolicy.objects.filter(town=town, plugin=config.label, rule=rule.key).delete()
            else:
                RetentionPolicy.objects.update_or_create(
                    town=town, plugin=config.label, rule=rule.key, defaults={"days": chosen})
        return changed


def retention_settings(request, town_id=None):
    town = _town(request, town_id, RETENTION_PERMISSION)
    rules = town_rules(town)
    descriptions = {(config.label, rule.key): f"{config.display_name} · {rule.description}" for config, rule, _d in rules}
    form = RetentionForm(request.POST if request.method == "POST" and "save" in request.POST else None, rules)
    dry_runs = None
    if request.method == "POST" and "dry_run" in request.POST:
        dry_runs = sweep_town(town, dry_run=True, username=request.user.username)
    elif form.is_bound:
        if form.is_valid():
            changed = form.save(town)
            if changed:
                audit(request, town, "retention.change", _("retention periods"), days=changed)
            messages.success(request, _("The retention periods of %(town)s were saved.") % {"town": town.name})
            return redirect(request.path)
        messages.error(request, _("The settings could not be saved. Please correct the errors below."))
    runs = RetentionRun.objects.filter(town=town)[:30]
    for run in [*runs, *(dry_runs or [])]:
        run.description = descriptions.get((run.plugin, run.rule), f"{run.plugin}.{run.rule}")
    return TemplateResponse(request, "cunwu/security/retention.html", {
        "town": town, "form": form, "runs": runs, "dry_runs": dry_runs, "min_days": MIN_DAYS,
        "towns": _other_towns(request, RETENTION_PERMISSION, town),
    }, status=400 if form.is_bound and form.errors else 200)


# Admin wiring ---------------------------------------------------------------------------------------------

@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("audit/", audit_trail, name="cunwu_audit"),
        path("audit/<int:town_id>/", audit_trail, name="cunwu_audit_for"),
        path("retention/", retention_settings, name="cunwu_retention"),
        path("retention/<int:town_id>/", retention_settings, name="cunwu_retention_for"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return bool(town_ids_with_perm(request.user, self.permission))


@hooks.register("register_settings_menu_item")
def audit_menu_item():
    return PermissionMenuItem(gettext_lazy("audit trail"), reverse("cunwu_audit"), icon_name="list-ul", order=30,
                              permission=AUDIT_PERMISSION)


@hooks.register("register_settings_menu_item")
def retention_menu_item():
    return PermissionMenuItem(gettext_lazy("Personal data retention"), reverse("cunwu_retention"), icon_name="time",
                              order=31, permission=RETENTION_PERMISSION)
