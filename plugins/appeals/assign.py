"""Bulk assign from the work list: the ticked cases get one handler, or nothing changes and the user is told why."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cunwu.plugins import api

from .admin_views import can_handle, visible_cases
from .limits import OPEN_STATES
from .models import Case

LIST = "/admin/appeals/case/"


def eligible_handlers(user):
    """Who may be offered as a handler: village staff and town admins of the towns where the user may assign."""
    from cunwu.plugins.api import Role

    ids = set()
    for town in api.towns_with_perm(user, "appeals.change_case"):
        ids.update(town.members(Role.VILLAGE_STAFF, Role.TOWN_ADMIN).values_list("pk", flat=True))
    return get_user_model().objects.filter(pk__in=ids).order_by("username")


def may_handle(handler, case):
    """A town admin handles any case of the town; village staff only their own village's (or the routed village's)."""
    from cunwu.plugins.api import Role

    if case.town.members(Role.TOWN_ADMIN).filter(pk=handler.pk).exists():
        return True
    village = case.category.village or case.village
    return (case.town.members(Role.VILLAGE_STAFF).filter(pk=handler.pk).exists()
            and village.staff.filter(pk=handler.pk).exists())


def _refuse(request, status, message):
    return TemplateResponse(request, "appeals/admin/refused.html", {"message": message, "back": LIST}, status=status)


@require_POST
def bulk_assign(request):
    if not can_handle(request.user):
        return _refuse(request, 403, _("You may not assign cases."))
    ids = [value for value in request.POST.getlist("case") if value.isdigit()]
    if not ids:
        return _refuse(request, 400, _("Tick the cases to assign first."))
    handler_id = request.POST.get("handler", "")
    handler = eligible_handlers(request.user).filter(pk=handler_id).first() if handler_id.isdigit() else None
    if handler is None:
        return _refuse(request, 400, _("Choose a handler from your town."))
    with transaction.atomic():
        cases = list(visible_cases(request.user).select_for_update(of=("self",)).filter(pk__in=ids))
        if len(cases) != len(set(ids)) or not all(can_handle(request.user, case) for case in cases):
            return _refuse(request, 403, _("Some of the ticked cases are not yours to assign."))
        closed = [case.number for case in cases if case.state not in OPEN_STATES]
        if closed:
            return _refuse(request, 400, _("Cases %(numbers)s are finished and cannot be assigned.") % {"numbers": "、".join(closed)})
        wrong = [case.number for case in cases if not may_handle(handler, case)]
        if wrong:
            return _refuse(request, 400, _("%(name)s cannot handle cases %(numbers)s: not staff of their village or a town admin.")
                           % {"name": handler.get_full_name() or handler.username, "numbers": "、".join(wrong)})
        Case.objects.filter(pk__in=[case.pk for case in cases]).update(handler=handler)
    messages.success(request, _("%(count)s cases were assigned to %(name)s.")
                     % {"count": len(cases), "name": handler.get_full_name() or handler.username})
    return redirect(LIST)
