"""The admin screens on which a village cadre works a power record (权力运行): the list, opening a record, and the
record with its steps, where the current step is closed with its documents and vote figures or sent back.

Scope: a record is seen by whoever holds "view_powerrecord" in its town and works for its village (a town role works
for every village of the town); anything else is a 404, as if the record did not exist. Working it also needs
"change_powerrecord" (record_gate.can_work): the town's discipline supervisor reads everything and changes nothing.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.menu import MenuItem
from wagtail.models import ModelLogEntry

from cunwu.plugins import api

from . import record_force, record_gate
from .admin_views import refuse
from .power_models import DocumentKind, MajorityRule, Matter
from .record_admin_forms import ForceForm, NewRecordForm, RefuseForm, VoteForm, document_rows
from .record_models import PowerRecord, RecordDocument, RecordStatus, RecordStep, StepState

VIEW, ADD = "disclosure.view_powerrecord", "disclosure.add_powerrecord"
TEMPLATES = "disclosure/records_admin/"
OVERDUE = "overdue"  # the list's status filter: open records with a step past its time limit


class RecordsMenuItem(MenuItem):
    def is_shown(self, request):
        return any(api.is_enabled(town, "disclosure") for town in api.towns_with_perm(request.user, VIEW))


def menu_item():
    return RecordsMenuItem(gettext_lazy("Power in operation"), reverse("disclosure_records"), icon_name="tasks",
                           order=330)


def _stamp(town, moment):
    """A moment as the town's clock shows it, whoever's zone the server runs in."""
    return api.town_localtime(town, moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _late_steps(now):
    return RecordStep.objects.filter(record=OuterRef("pk")).filter(
        Q(state=StepState.OVERDUE) | Q(state=StepState.CURRENT, due_at__lt=now))


def _list_town(request):
    town = api.admin_town(request)
    if town is None or not api.is_enabled(town, "disclosure") or not api.has_town_perm(request.user, town, VIEW):
        return None
    return town


def _scoped_record(request, pk):
    """The record if the user may see it; a 404 for another town's or another village's record."""
    record = get_object_or_404(
        PowerRecord.objects.select_related("town", "village", "matter").filter(
            town__in=api.towns_with_perm(request.user, VIEW)), pk=pk)
    if not api.is_enabled(record.town, "disclosure"):
        raise Http404
    if not api.user_villages(request.user, record.town).filter(pk=record.village_id).exists():
        raise Http404
    return record


def records(request):
    town = _list_town(request)
    if town is None:
        return refuse(request, _("Only the town's staff can see its power records."))
    now = timezone.now()
    villages = api.user_villages(request.user, town).order_by("sort_order", "name")
    matters = Matter.objects.filter(town=town, records__village__in=villages).distinct().order_by(
        "category", "sort_order", "code")
    queryset = PowerRecord.objects.filter(town=town, village__in=villages).select_related("village", "matter").annotate(
        is_overdue=Exists(_late_steps(now)))
    chosen = {name: request.GET.get(name, "") for name in ("village", "status", "matter")}
    if chosen["village"].isdigit():
        queryset = queryset.filter(village_id=int(chosen["village"]))
    if chosen["matter"].isdigit():
        queryset = queryset.filter(matter_id=int(chosen["matter"]))
    if chosen["status"] == OVERDUE:
        queryset = queryset.filter(is_overdue=True, status=RecordStatus.OPEN)
    elif chosen["status"] in RecordStatus.values:
        queryset = queryset.filter(status=chosen["status"])
    page = Paginator(queryset, 50).get_page(request.GET.get("p"))
    current = {step.record_id: step for step in RecordStep.objects.filter(
        record__in=[record.pk for record in page], state__in=record_gate.CLOSABLE)}
    rows = [{"record": record, "current": current.get(record.pk), "opened": _stamp(town, record.opened_at)}
            for record in page]
    statuses = [*RecordStatus.choices, (OVERDUE, _("Overdue"))]
    return TemplateResponse(request, TEMPLATES + "index.html", {
        "town": town, "rows": rows, "page": page, "villages": villages, "matters": matters, "statuses": statuses,
        "chosen": chosen, "may_add": api.has_town_perm(request.user, town, ADD),
    })


@require_http_methods(["GET", "POST"])
def new_record(request):
    town = _list_town(request)
    if town is None or not api.has_town_perm(request.user, town, ADD):
        return refuse(request, _("Only the village's staff can open a power record."))
    form = NewRecordForm(request.POST or None, town=town, user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                record = record_gate.open_record(data["matter"], data["village"], request.user, data["title"],
                                                 data["amount"], data["proposer_name"])
            except PermissionDenied as error:
                return refuse(request, str(error) or _("Not allowed."))
            except ValidationError as error:
                form.add_error(None, error.messages[0])
            else:
                messages.success(request, _("Record %(code)s opened; its first step is current.")
                                 % {"code": record.tracking_code})
                return redirect("disclosure_record", pk=record.pk)
    return TemplateResponse(request, TEMPLATES + "new.html", {"town": town, "form": form}, status=status)


def _requirements(step):
    """What a matter's step needs before it closes, as the cadre reads it."""
    needs = []
    if step.required_documents:
        needs.append(_("Documents: %(documents)s") % {
            "documents": "、".join(str(DocumentKind(kind).label) for kind in step.required_documents)})
    if step.quorum:
        needs.append(_("Vote: at least %(share)s of the members present") % {"share": step.quorum})
    if step.majority and step.majority_rule == MajorityRule.AT_LEAST:
        needs.append(_("Passes with at least %(share)s of those present for") % {"share": step.majority})
    elif step.majority:
        needs.append(_("Passes with more than %(share)s of those present for") % {"share": step.majority})
    if step.sign_off_role:
        needs.append(_("Signed off by the %(role)s") % {"role": step.get_sign_off_role_display()})
    if step.is_approval:
        needs.append(_("Approved by someone other than the proposer"))
    if step.working_days:
        needs.append(_("Time limit: %(days)s working days") % {"days": step.working_days})
    return needs


def _step_rows(record, now):
    steps = list(record.steps.select_related("step", "closed_by").order_by("number"))
    documents = {}
    for document in RecordDocument.objects.filter(step__record=record).order_by("uploaded_at", "id"):
        documents.setdefault(document.step_id, []).append(document)
    rows = []
    for row in steps:
        late = row.state == StepState.OVERDUE or (row.state == StepState.CURRENT and row.due_at and row.due_at < now)
        rows.append({"step": row, "state": StepState.OVERDUE if late else row.state,
                     "state_label": StepState.OVERDUE.label if late else row.get_state_display(),
                     "due": _stamp(record.town, row.due_at), "closed": _stamp(record.town, row.closed_at),
                     "needs": _requirements(row.step), "documents": documents.get(row.pk, []),
                     "returns_to": row.step.returns_to if row.step.returns_to and row.step.returns_to < row.number else None})
    return steps, rows


def _forms(current, request, record):
    """The close, refuse and force forms of the current step (None when it has no vote, no branch back, or the
    user may not force); only the form of the action posted is bound, so the others show no errors."""
    step, action = current.step, request.POST.get("action") if request.method == "POST" else None
    data, files = (request.POST, request.FILES) if action == "close" else (None, None)
    return {
        "documents": document_rows(step.required_documents, data, files),
        "vote": VoteForm(data, prefix="vote") if (step.quorum or step.majority) else None,
        "refuse": RefuseForm(request.POST if action == "refuse" else None, prefix="refuse")
        if step.returns_to and step.returns_to < current.number else None,
        "force": ForceForm(request.POST if action == "force" else None, prefix="force")
        if record_force.may_force(request.user, record) else None,
    }


def _act(request, record, current, forms):
    """Close or refuse the current step; the gate's refusal becomes the form's error (nothing changed)."""
    action = request.POST.get("action")
    if action == "close":
        valid = forms["documents"].is_valid() and (forms["vote"] is None or forms["vote"].is_valid())
        if not valid:
            return None
        figures = forms["vote"].figures() if forms["vote"] is not None else None
        call = partial(record_gate.close_step, record, current, request.user, figures=figures,
                       documents=forms["documents"].documents())
        done, target = _("Step %(number)s “%(title)s” closed."), "close_error"
    elif action == "refuse":
        refusal = forms["refuse"]  # None when the step has no branch back: the gate says so in its own words
        if refusal is not None and not refusal.is_valid():
            return None
        reason = refusal.cleaned_data["reason"] if refusal is not None else request.POST.get("refuse-reason", "")
        call = partial(record_gate.refuse_step, record, current, request.user, reason)
        done, target = _("Step %(number)s “%(title)s” sent back."), "refuse_error" if refusal else "close_error"
    elif action == "force":
        if forms["force"] is None:  # only the town administrator has the form
            raise PermissionDenied(_("Only the town administrator can force a step closed."))
        if not forms["force"].is_valid():
            return None
        call = partial(record_force.force_step, record, current, request.user, forms["force"].cleaned_data["reason"])
        done, target = _("Step %(number)s “%(title)s” forced closed; the supervisors are warned."), "force_error"
    else:
        forms["close_error"] = _("Unknown action.")
        return None
    try:
        call()
    except ValidationError as error:
        forms[target] = error.messages[0]
        return None
    messages.success(request, done % {"number": current.number, "title": current.title})
    return redirect("disclosure_record", pk=record.pk)


@require_http_methods(["GET", "POST"])
def record(request, pk):
    record = _scoped_record(request, pk)
    may_work = record_gate.can_work(request.user, record) and record.status == RecordStatus.OPEN
    if request.method == "POST" and record.status != RecordStatus.OPEN:
        return refuse(request, _("This record is closed; nothing more can change on it."), status=409)
    if request.method == "POST" and not may_work:
        return refuse(request, _("You may read this record but not change it."))
    now = timezone.now()
    steps, rows = _step_rows(record, now)
    current = next((step for step in steps if step.state in record_gate.CLOSABLE), None)
    forms, status = None, 200
    if may_work and current is not None:
        forms = _forms(current, request, record)
        if request.method == "POST":
            try:
                done = _act(request, record, current, forms)
            except PermissionDenied as error:
                return refuse(request, str(error) or _("Not allowed."))
            if done is not None:
                return done
            status = 400
    elif request.method == "POST":
        return refuse(request, _("This record has no step to work now."), status=400)
    history = ModelLogEntry.objects.filter(content_type__app_label="disclosure", content_type__model="powerrecord",
                                           object_id=str(record.pk)).select_related("user").order_by("-timestamp")
    return TemplateResponse(request, TEMPLATES + "record.html", {
        "record": record, "rows": rows, "current": current, "forms": forms, "may_work": may_work,
        "opened": _stamp(record.town, record.opened_at), "closed": _stamp(record.town, record.closed_at),
        "history": [(_stamp(record.town, entry.timestamp), entry) for entry in history[:100]],
    }, status=status)


def document(request, pk):
    """A record's document, streamed from private storage to whoever may see the record; never a /media/ address."""
    document = get_object_or_404(RecordDocument.objects.select_related("step"), pk=pk)
    record = _scoped_record(request, document.step.record_id)
    name = f"{record.tracking_code}-{document.get_kind_display()}-{document.pk}"
    extension = document.file.name.rsplit(".", 1)[-1] if "." in document.file.name else ""
    return api.private_file_response(request, document.file, record.town, VIEW,
                                     download_name=f"{name}.{extension}" if extension else name)
