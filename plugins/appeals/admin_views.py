"""The staff screen of one case: details, full trail, and the transitions the workflow allows."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cunwu.plugins import api

from .limits import OPEN_STATES, level_display
from .models import Attachment, Case, Level, State
from .workflow import ALLOWED, IllegalTransition, transition

# The POSTed action names and the state each one moves the case to.
ACTIONS = {
    "accept": State.ACCEPTED,
    "start": State.IN_PROGRESS,
    "resolve": State.RESOLVED,
    "reject": State.REJECTED,
}


def visible_cases(user):
    """Cases of the towns where the user may see cases, and there of the villages they work for."""
    return Case.objects.filter(
        town__in=api.towns_with_perm(user, "appeals.view_case"), village__in=api.user_villages(user)
    ).select_related("town", "village", "category", "handler")


def towns_seeing_cases(user):
    """The towns that enabled the plugin where the user may see cases: the dashboard's, its menu's, the watchdog's."""
    return [town for town in api.towns_with_perm(user, "appeals.view_case").order_by("pk") if api.is_enabled(town, "appeals")]


def can_handle(user, case=None):
    """May change `case` (in its own town); without a case, may change cases in some town (the list's buttons)."""
    if case is not None:
        return api.has_town_perm(user, case.town, "appeals.change_case")
    return api.towns_with_perm(user, "appeals.change_case").exists()


@require_http_methods(["GET", "POST"])
def handle(request, pk):
    case = visible_cases(request.user).filter(pk=pk).first()
    if case is None or not api.is_enabled(case.town, "appeals"):
        raise Http404
    status, error = 200, ""
    if request.method == "POST":
        if not can_handle(request.user, case):
            # Wagtail would turn PermissionDenied into a redirect; a supervisor should see why instead.
            status, error = 403, _("Read only: you can follow this case but not change it.")
            return _render(request, case, status, error)
        if request.POST.get("action") in ("publish", "unpublish"):
            return _publish(request, case)
        if request.POST.get("action") == "triage":
            return _triage(request, case)
        target = ACTIONS.get(request.POST.get("action", ""))
        try:
            if target is None:
                raise IllegalTransition(_("Unknown action."))
            transition(case, target, request.user, request.POST.get("note", ""))
        except IllegalTransition as refused:
            status, error = 400, str(refused)
            case.refresh_from_db()
        else:
            messages.success(request, _("Case %(number)s is now “%(state)s”.") % {
                "number": case.number, "state": State(target).label,
            })
            return redirect("appeals_case_handle", pk=case.pk)
    return _render(request, case, status, error)


def _triage(request, case):
    from .triage import change_level

    try:
        change_level(case, request.POST.get("level", ""), request.user, request.POST.get("note", ""))
    except IllegalTransition as refused:
        return _render(request, case, 400, str(refused))
    case.refresh_from_db()
    messages.success(request, _("Case %(number)s is now at level “%(level)s”; its time limits follow the new level.") % {
        "number": case.number, "level": level_display(case.town, case.level)[0],
    })
    return redirect("appeals_case_handle", pk=case.pk)


def _publish(request, case):
    from django.db import transaction

    from .wall import WALL_STATES

    show = request.POST["action"] == "publish"
    if show and case.state not in WALL_STATES:
        return _render(request, case, 400, _("Only a resolved case can go on the public case wall."))
    Case.objects.filter(pk=case.pk).update(published=show)
    town = case.town
    transaction.on_commit(lambda: api.reindex_search(town, "appeals"))
    messages.success(request, _("Case %(number)s is on the public case wall.") % {"number": case.number} if show
                     else _("Case %(number)s was taken off the public case wall.") % {"number": case.number})
    return redirect("appeals_case_handle", pk=case.pk)


def _render(request, case, status, error):
    from .wall import WALL_STATES

    allowed = ALLOWED[State(case.state)]
    may_change = can_handle(request.user, case)
    actions = [name for name, target in ACTIONS.items() if target in allowed] if may_change else []
    level_name, level_colour = level_display(case.town, case.level)
    levels = {level: level_display(case.town, level)[0] for level in Level.values}
    steps = list(case.transitions.select_related("actor"))
    for step in steps:  # a triage step shows its levels where other steps show their states
        step.shown_from = levels.get(step.from_level) if step.is_triage else step.get_from_state_display()
        step.shown_to = levels.get(step.to_level) if step.is_triage else step.get_to_state_display()
    return TemplateResponse(request, "appeals/admin/case.html", {
        "case": case, "level_name": level_name, "level_colour": level_colour, "steps": steps, "actions": actions,
        # Every timer the case had: what fired (the escalation a supervisor was sent) and what a later step cancelled.
        "timers": case.deadlines.select_related("step").order_by("due_at", "pk"),
        "can_triage": may_change and case.state in OPEN_STATES,
        "levels": [(level, name) for level, name in levels.items() if level != case.level],
        # A refused triage shows the form again with what was typed.
        "triage_posted": request.POST if request.method == "POST" and request.POST.get("action") == "triage" else {},
        "error": error, "read_only": not may_change,
        "ratings": case.ratings.all(), "can_publish": may_change and case.state in WALL_STATES, "attachments": case.attachments.all(),
    }, status=status)


def attachment(request, pk, attachment_pk):
    """A villager's attachment, streamed from the private storage to staff who may see the case in its own town
    (and village); a 403 page for anyone else. There is no public address for it (no /media/ URL)."""
    item = get_object_or_404(Attachment.objects.select_related("case__town"), pk=attachment_pk, case_id=pk)
    case = item.case
    try:
        if not visible_cases(request.user).filter(pk=case.pk).exists():
            raise PermissionDenied
        return api.private_file_response(request, item.file, case.town, "appeals.view_case",
                                         download_name=f"{case.number}-{item.pk}{item.extension}")
    except PermissionDenied:
        # Wagtail would turn PermissionDenied into a redirect to the dashboard; say plainly why instead.
        return TemplateResponse(request, "appeals/admin/refused.html", {
            "message": _("You may not see the attachments of this case."), "back": "/admin/appeals/case/",
        }, status=403)
