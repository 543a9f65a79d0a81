"""Public supervision meetings: the published meeting's page in the town's theme, the village hub's panel of the
village's meetings (and the town-wide ones), and the meetings that reviewed a record, for the record's page.

Only published meetings of the request's town are public; a draft or another town's meeting answers 404.
Villagers' names are masked (representatives and others); cadres attend in office and are named.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cunwu.plugins import api

from . import meetings
from .meeting_models import MeetingStatus, SupervisionMeeting
from .record_views import progress_label, with_progress


def published(town):
    return SupervisionMeeting.objects.filter(town=town, status=MeetingStatus.PUBLISHED).select_related("village")


def _public_attendees(meeting):
    rows = []
    for attendee in meeting.attendees.all():
        name = api.mask_name(attendee.name) if attendee.is_private else attendee.name
        rows.append({"name": name, "role": attendee.get_role_display(), "private": attendee.is_private})
    return rows


def meeting_view(request, pk):
    town = api.current_town(request)
    if town is None:
        raise Http404
    meeting = get_object_or_404(published(town), pk=pk)
    attendees = _public_attendees(meeting)
    private = meetings.private_names(meeting)
    today = api.town_today(town)
    duties = []
    for duty in meeting.responsibilities.all():
        duties.append({"task": meetings.public_text(meeting, duty.task, private),
                       "owner": api.mask_name(duty.owner) if duty.owner in private else duty.owner,
                       "deadline": duty.deadline, "done_at": duty.done_at, "state": duty.state(today)})
    records = list(with_progress(meeting.records.all()))
    for record in records:
        record.progress = progress_label(record)
    cases = None
    if api.get_service(meetings.CASE_SERVICE, town) is not None:  # appeals off: the cases are not shown at all
        cases = [summary for summary in (meetings.case_summary(town, case.number) for case in meeting.cases.all())
                 if summary is not None]
    return render(request, "disclosure/meetings/meeting.html", {
        "town": town, "meeting": meeting, "summary": meetings.public_text(meeting, meeting.summary, private),
        "attendees": attendees,
        "duties": duties, "records": records, "cases": cases, "scores": list(meeting.scores.all()),
        "addenda": [{"text": meetings.public_text(meeting, a.text, private), "at": a.created_at}
                    for a in meeting.addenda.all()],
        "broadcast": meetings.broadcast_summary(meeting),
    })


def hub_panels(request, village):
    """The village hub's "监督会议" panel: the village's published meetings and the town-wide ones."""
    rows = list(published(village.town).filter(Q(village=village) | Q(village=None))[:10])
    if not rows:
        return []  # a village that never held one gets no empty panel
    html = render_to_string("disclosure/meetings/hub.html", {"meetings": rows}, request=request)
    return [api.HubPanel("disclosure-meetings", _("Supervision meetings"), html, order=24)]


def record_meetings(record):
    """The published meetings that reviewed the record, for its public page."""
    return list(published(record.town).filter(records=record))
