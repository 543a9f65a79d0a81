"""The review screen of one ledger: its lines and totals, the workflow buttons and the audit history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import ModelLogEntry

from cunwu.plugins import api

from . import workflow
from .models import LedgerMonth, Status

ACTIONS = {"submit", "approve", "return", "correct"}


@require_http_methods(["GET", "POST"])
def review(request, pk):
    ledger = get_object_or_404(
        LedgerMonth.objects.select_related("village__town", "supersedes").filter(
            village__town__in=api.towns_with_perm(request.user, "disclosure.view_ledgermonth")
        ),
        pk=pk,
    )
    if not api.is_enabled(ledger.village.town, "disclosure"):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "submit":
                workflow.submit(ledger, request.user)
                messages.success(request, _("Submitted for review."))
            elif action == "approve":
                workflow.approve(ledger, request.user)
                messages.success(request, _("Approved and published."))
            elif action == "return":
                workflow.return_for_changes(ledger, request.user, request.POST.get("comment", ""))
                messages.success(request, _("Returned to the village with your comment."))
            elif action == "correct":
                draft = workflow.start_correction(ledger, request.user, request.POST.get("reason", ""))
                messages.success(request, _("A correction was started as a new version."))
                return redirect("disclosure_ledger_review", pk=draft.pk)
            else:
                raise ValidationError(_("Unknown action."))
            return redirect("disclosure_ledger_review", pk=ledger.pk)
        except (ValidationError, PermissionDenied) as error:
            status = 403 if isinstance(error, PermissionDenied) else 400
            text = error.messages[0] if isinstance(error, ValidationError) else (str(error) or _("Not allowed."))
            messages.error(request, text)
        ledger.refresh_from_db()
    problem = workflow.balance_problem(ledger) if not ledger.is_locked else None
    context = {
        "ledger": ledger,
        "lines": ledger.lines.select_related("category")[:500],
        "problem": problem,
        "can_edit": workflow.can_edit(request.user, ledger),
        "can_review": workflow.can_review(request.user, ledger),
        "Status": Status,
        "history": ModelLogEntry.objects.filter(
            content_type__app_label="disclosure", object_id__in=[str(v.pk) for v in _versions(ledger)]
        ).select_related("user").order_by("-timestamp"),
    }
    return TemplateResponse(request, "disclosure/admin/review.html", context, status=status)


def _versions(ledger):
    return LedgerMonth.objects.filter(village=ledger.village, year=ledger.year, month=ledger.month)


@require_http_methods(["POST"])
def import_catalogue(request):
    """One click: the default power list into the user's town (the request's host town if theirs)."""
    from cunwu.plugins.api import admin_town

    from .catalogue import import_default_catalogue

    town = admin_town(request)
    if not api.is_enabled(town, "disclosure") or not api.has_town_perm(request.user, town, "disclosure.add_matter"):
        return refuse(request, _("Only the town's administrators and editors can import the power list."))
    added = import_default_catalogue(town)
    messages.success(request, _("%(n)s matters added to the power list of %(town)s.") % {"n": added, "town": town.name})
    return redirect("disclosure_matter_modeladmin_index")


def refuse(request, message, status=403):
    """A 4xx page with the reason, instead of Wagtail's silent redirect to the dashboard."""
    return TemplateResponse(request, "disclosure/admin/refused.html", {"message": message}, status=status)
