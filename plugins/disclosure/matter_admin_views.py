"""Admin actions on a power-list matter: publish a draft, or start a correction of the published version."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from cunwu.plugins import api

from . import matter_workflow
from .power_models import Matter


def _edit_url(matter):
    return reverse("disclosure_matter_modeladmin_edit", args=[matter.pk])


def action(request, pk, verb):
    if verb not in ("publish", "correct"):
        raise Http404
    matter = get_object_or_404(Matter.objects.select_related("town").filter(town__in=api.user_towns(request.user)), pk=pk)
    context = {"matter": matter, "verb": verb, "history": matter_workflow.history(matter.town, matter.code)}
    if not api.has_town_perm(request.user, matter.town, "disclosure.view_matter"):
        context["error"] = _("Only the town's editors can publish the power list.")
        return TemplateResponse(request, "disclosure/admin/matter_action.html", context, status=403)
    if request.method != "POST":
        return TemplateResponse(request, "disclosure/admin/matter_action.html", context)
    try:
        if verb == "publish":
            matter_workflow.publish(matter, request.user)
            messages.success(request, _("Published: %(matter)s.") % {"matter": matter})
            return redirect("disclosure_matter_modeladmin_index")
        draft = matter_workflow.start_correction(matter, request.user, request.POST.get("reason", ""))
        messages.success(request, _("A correction was started as version %(n)s; edit it, then publish it.") % {"n": draft.version})
        return redirect(_edit_url(draft))
    except PermissionDenied as error:
        context["error"], status = str(error), 403
    except ValidationError as error:
        context["error"], status = error.messages[0], 400
    return TemplateResponse(request, "disclosure/admin/matter_action.html", context, status=status)
