"""The admin screens of supervision meetings (监督会议): the list, a new meeting, and the meeting itself, where a draft
gets its records, cases, attendees, responsibilities and scores and is published; once published it is read-only but
for marking responsibilities done and adding addenda. Another town's or village's meeting is a 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.menu import MenuItem

from cunwu.plugins import api

from . import meetings
from .admin_views import refuse
from .meeting_forms import ROW_FORMS, AddendumForm, CaseForm, MeetingForm, RecordsForm
from .meeting_models import MeetingStatus, SupervisionMeeting

TEMPLATES = "disclosure/meetings/"


class MeetingsMenuItem(MenuItem):
    def is_shown(self, request):
        return any(api.is_enabled(town, "disclosure") for town in api.towns_with_perm(request.user, meetings.VIEW))


def menu_item():
    return MeetingsMenuItem(gettext_lazy("Supervision meetings"), reverse("disclosure_meetings"), icon_name="group",
                            order=331)


def _list_town(request, perm=meetings.VIEW):
    town = api.admin_town(request)
    if town is None or not api.is_enabled(town, "disclosure") or not api.has_town_perm(request.user, town, perm):
        return None
    return town


def _scoped(request, pk):
    meeting = get_object_or_404(SupervisionMeeting.objects.select_related("town", "village").filter(
        town__in=api.towns_with_perm(request.user, meetings.VIEW)), pk=pk)
    if not api.is_enabled(meeting.town, "disclosure") or not meetings.in_scope(request.user, meeting):
        raise Http404
    return meeting


def meeting_list(request):
    town = _list_town(request)
    if town is None:
        return refuse(request, _("Only the town's staff can see its supervision meetings."))
    rows = meetings.visible(request.user, town).select_related("village").order_by("-held_at", "-pk")[:200]
    return TemplateResponse(request, TEMPLATES + "admin_index.html", {
        "town": town, "meetings": rows, "may_add": api.has_town_perm(request.user, town, meetings.ADD)})


def town_clock(town):
    """The meeting's time is entered and shown on the town's clock, whatever zone the staff member chose."""
    return timezone.override(api.town_localtime(town).tzinfo)


@require_http_methods(["GET", "POST"])
def new_meeting(request):
    town = _list_town(request, meetings.ADD)
    if town is None:
        return refuse(request, _("Only the town's supervisors can hold a supervision meeting."))
    with town_clock(town):
        return _new_meeting(request, town)


def _new_meeting(request, town):
    form = MeetingForm(request.POST or None, town=town, user=request.user,
                       broadcasts=meetings.broadcast_choices(town), town_wide=meetings.covers_town(request.user, town))
    if request.method == "POST" and form.is_valid():
        form.instance.town, form.instance.created_by = town, request.user
        meeting = form.save()
        messages.success(request, _("Meeting “%(title)s” created as a draft.") % {"title": meeting.title})
        return redirect("disclosure_meeting", pk=meeting.pk)
    return TemplateResponse(request, TEMPLATES + "admin_new.html", {"town": town, "form": form},
                            status=400 if request.method == "POST" else 200)


def _draft_forms(meeting, request, action):
    """The draft's forms; only the one posted is bound, so the others show no errors."""
    def bound(name):
        return request.POST if action == name else None

    town_wide = meetings.covers_town(request.user, meeting.town)
    forms = {name: form(bound(name), prefix=name) for name, form in ROW_FORMS.items()}
    forms["meeting"] = MeetingForm(bound("meeting"), instance=meeting, town=meeting.town, user=request.user,
                                   broadcasts=meetings.broadcast_choices(meeting.town), town_wide=town_wide,
                                   prefix="meeting")
    forms["records"] = RecordsForm(bound("records"), meeting=meeting, prefix="records")
    if api.get_service(meetings.CASE_SERVICE, meeting.town) is not None:  # appeals off: no case field at all
        forms["case"] = CaseForm(bound("case"), prefix="case")
    return forms


def _act(request, meeting, action, forms):
    """Do the posted action; returns the success message, or None when a form is invalid."""
    user, post = request.user, request.POST
    if action in ROW_FORMS:
        form = forms[action]
        if not form.is_valid():
            return None
        meetings.add_row(meeting, user, form._meta.model, **form.cleaned_data)
        return _("Added.")
    if action == "remove" and post.get("row") in ROW_FORMS and post.get("pk", "").isdigit():
        meetings.remove_row(meeting, user, ROW_FORMS[post["row"]]._meta.model, int(post["pk"]))
        return _("Removed.")
    if action == "remove" and post.get("row") == "case" and post.get("pk", "").isdigit():
        meetings.remove_row(meeting, user, meeting.cases.model, int(post["pk"]))
        return _("Removed.")
    if action == "meeting":
        if not forms["meeting"].is_valid():
            return None
        meetings.save_heading(meeting, user, forms["meeting"])
        return _("Saved.")
    if action == "records":
        if not forms["records"].is_valid():
            return None
        meetings.set_records(meeting, user, list(forms["records"].cleaned_data["records"]))
        return _("Saved.")
    if action == "case" and "case" in forms:
        if not forms["case"].is_valid():
            return None
        meetings.add_case(meeting, user, forms["case"].cleaned_data["number"])
        return _("Added.")
    if action == "publish":
        meetings.publish(meeting, user)
        return _("Published: the meeting is frozen now; later remarks go in an addendum.")
    if action == "done" and post.get("pk", "").isdigit():
        meetings.mark_done(meeting, user, int(post["pk"]))
        return _("Marked done.")
    if action == "addendum":
        form = forms["addendum"]
        if not form.is_valid():
            return None
        meetings.add_addendum(meeting, user, form.cleaned_data["text"])
        return _("Addendum added.")
    raise ValidationError(_("Unknown action."), code="invalid_transition")


@require_http_methods(["GET", "POST"])
def meeting_view(request, pk):
    meeting = _scoped(request, pk)
    with town_clock(meeting.town):
        return _meeting_view(request, meeting)


def _meeting_view(request, meeting):
    may_change = meetings.may_change(request.user, meeting)
    action = request.POST.get("action") if request.method == "POST" else None
    if action and not may_change:
        return refuse(request, _("You may read this meeting but not change it."))
    draft = meeting.status == MeetingStatus.DRAFT
    if action and not draft and action not in ("done", "addendum"):
        return refuse(request, _("This meeting has been published and cannot be changed; add an addendum instead."),
                      status=409)
    forms = _draft_forms(meeting, request, action) if (draft and may_change) else {}
    forms["addendum"] = AddendumForm(request.POST if action == "addendum" else None, prefix="addendum")
    status, error = 200, None
    if action:
        try:
            done = _act(request, meeting, action, forms)
        except PermissionDenied as refusal:
            return refuse(request, str(refusal))
        except ValidationError as refusal:
            done, error = None, refusal.messages[0]
        if done:
            messages.success(request, done)
            return redirect("disclosure_meeting", pk=meeting.pk)
        status = 400
    today = api.town_today(meeting.town)
    duties = list(meeting.responsibilities.all())
    for duty in duties:
        duty.current_state = duty.state(today)
    return TemplateResponse(request, TEMPLATES + "admin_meeting.html", {
        "meeting": meeting, "draft": draft, "may_change": may_change, "forms": forms, "error": error,
        "records": meeting.records.select_related("village"), "attendees": meeting.attendees.all(),
        "duties": duties, "scores": meeting.scores.all(), "addenda": meeting.addenda.all(),
        "cases": [(case, meetings.case_summary(meeting.town, case.number)) for case in meeting.cases.all()],
        "broadcast": meetings.broadcast_summary(meeting),
        "public_url": reverse("disclosure:meeting", args=[meeting.pk]) if not draft else "",
    }, status=status)
