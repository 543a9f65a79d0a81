"""What staff do to a supervision meeting, and who may: scope, the draft's rows, publishing, marking a responsibility
done, addenda; and the services the meeting asks of the appeals and livestream plugins (absent when they are off).

Scope: a meeting is seen by whoever holds "view_supervisionmeeting" in its town and works for its village; a
town-wide meeting (no village) by the town's staff of that permission. Changing one needs "change_supervisionmeeting"
and the same scope; a town-wide meeting needs a role that covers every village of the town.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cunwu.plugins import api

from .meeting_models import MeetingAddendum, MeetingCase, MeetingResponsibility, MeetingStatus, SupervisionMeeting
from .versioning import require

VIEW, ADD, CHANGE = ("disclosure.view_supervisionmeeting", "disclosure.add_supervisionmeeting",
                     "disclosure.change_supervisionmeeting")
CASE_SERVICE = "appeals_case_summary"
BROADCAST_SERVICE, BROADCASTS_SERVICE = "livestream_broadcast_summary", "livestream_broadcasts"


def covers_town(user, town):
    """Does the user's role in `town` work for every village of it (a town role, not a village's)?"""
    return user.is_superuser or not town.villages.exclude(pk__in=api.user_villages(user, town)).exists()


def in_scope(user, meeting):
    if meeting.village_id is None:
        return True
    return user.is_superuser or api.user_villages(user, meeting.town).filter(pk=meeting.village_id).exists()


def may_change(user, meeting):
    if not api.has_town_perm(user, meeting.town, CHANGE):
        return False
    return covers_town(user, meeting.town) if meeting.village_id is None else in_scope(user, meeting)


def visible(user, town):
    """The town's meetings the user may see (the list's rows)."""
    meetings = SupervisionMeeting.objects.filter(town=town)
    if covers_town(user, town):
        return meetings
    return meetings.filter(village__in=api.user_villages(user, town)) | meetings.filter(village=None)


def _changing(meeting, user):
    """The locked row of a draft the user may change; a Chinese refusal otherwise (nothing changes)."""
    row = SupervisionMeeting.objects.select_for_update().select_related("town").get(pk=meeting.pk)
    if not may_change(user, row):
        raise PermissionDenied(_("Only the town's supervisors and staff of this village can change this meeting."))
    require(row.status == MeetingStatus.DRAFT,
            _("This meeting has been published and cannot be changed; add an addendum instead."))
    return row


@transaction.atomic
def add_row(meeting, user, model, **fields):
    """An attendee, responsibility or score of the draft."""
    row = _changing(meeting, user)
    return model.objects.create(meeting=row, **fields)


@transaction.atomic
def remove_row(meeting, user, model, pk):
    row = _changing(meeting, user)
    model.objects.filter(meeting=row, pk=pk).delete()


@transaction.atomic
def save_heading(meeting, user, form):
    """The draft's title, village, time, place, summary and broadcast, from the bound, valid MeetingForm."""
    _changing(meeting, user)
    return form.save()


@transaction.atomic
def set_records(meeting, user, records):
    row = _changing(meeting, user)
    foreign = [record for record in records if record.town_id != row.town_id]
    require(not foreign, _("A meeting reviews only its own town's records."))
    row.records.set(records)


def case_summary(town, number):
    """What the appeals plugin shows of a case of `town` ({"number", "title", "state", "url"}), or None: no such
    case, or the town does not run appeals."""
    service = api.get_service(CASE_SERVICE, town)
    return service(town, number) if service is not None else None


@transaction.atomic
def add_case(meeting, user, number):
    row = _changing(meeting, user)
    number = (number or "").strip().upper()
    require(api.get_service(CASE_SERVICE, row.town) is not None, _("This town does not run the appeals service."))
    require(number, _("Give the case's tracking number."))
    require(case_summary(row.town, number) is not None, _("No case of this town has the number %(number)s.")
            % {"number": number})
    require(not row.cases.filter(number=number).exists(), _("This case is already on the meeting."))
    return MeetingCase.objects.create(meeting=row, number=number)


def broadcast_choices(town):
    service = api.get_service(BROADCASTS_SERVICE, town)
    return service(town) if service is not None else []


def broadcast_summary(meeting):
    """The livestream plugin's {"title", "state", "url"} of the meeting's broadcast, or None (none, or plugin off)."""
    service = api.get_service(BROADCAST_SERVICE, meeting.town)
    if service is None or meeting.broadcast_id is None:
        return None
    return service(meeting.town, meeting.broadcast_id)


@transaction.atomic
def publish(meeting, user):
    row = _changing(meeting, user)
    require(row.summary.strip(), _("Write the meeting's summary before publishing it."))
    require(row.attendees.exists(), _("List who attended before publishing the meeting."))
    row.status, row.published_at, row.published_by = MeetingStatus.PUBLISHED, timezone.now(), user
    row.save()
    log(row, "disclosure.publish_meeting", user=user)
    return row


@transaction.atomic
def mark_done(meeting, user, pk):
    """A fixed responsibility carried out: the one change a published meeting takes, on the audit log."""
    if not may_change(user, meeting):
        raise PermissionDenied(_("Only the town's supervisors and staff of this village can change this meeting."))
    duty = MeetingResponsibility.objects.select_for_update().get(meeting=meeting, pk=pk)
    require(duty.done_at is None, _("This responsibility is already done."))
    duty.done_at, duty.done_by, duty._tracking = timezone.now(), user, True
    duty.save(update_fields=["done_at", "done_by"])
    log(meeting, "disclosure.meeting_responsibility_done", user=user, data={"responsibility": duty.pk})
    return duty


@transaction.atomic
def add_addendum(meeting, user, text):
    if not may_change(user, meeting):
        raise PermissionDenied(_("Only the town's supervisors and staff of this village can change this meeting."))
    meeting = SupervisionMeeting.objects.get(pk=meeting.pk)  # as stored, not as the caller last saw it
    require(meeting.status == MeetingStatus.PUBLISHED, _("A draft is changed directly; addenda follow publication."))
    text = (text or "").strip()
    require(text, _("Write the addendum."))
    addendum = MeetingAddendum.objects.create(meeting=meeting, author=user, text=text)
    log(meeting, "disclosure.meeting_addendum", user=user, data={"addendum": addendum.pk})
    return addendum


def public_text(meeting, text, private_names):
    """Free text for the public: numbers masked (api.mask_text) and the meeting's private people's names too."""
    text = api.mask_text(text or "")
    for name in sorted(private_names, key=len, reverse=True):
        text = text.replace(name, api.mask_name(name))
    return text


def private_names(meeting):
    """Villagers' representatives and others who attended, and owners of a responsibility who are no cadre."""
    cadres, private = set(), set()
    for attendee in meeting.attendees.all():
        (private if attendee.is_private else cadres).add(attendee.name)
    private |= {duty.owner for duty in meeting.responsibilities.all()} - cadres
    return {name for name in private if name}


def meetings_for_broadcast(town, broadcast_id):
    """The "disclosure_meetings_for_broadcast" service: the published meetings that name this broadcast, for the
    livestream plugin's broadcast page: [{"title", "kind", "summary", "url"}]."""
    from django.urls import reverse

    meetings = SupervisionMeeting.objects.filter(town=town, broadcast_id=broadcast_id, status=MeetingStatus.PUBLISHED)
    return [{"title": meeting.title, "kind": meeting.get_kind_display(),
             "summary": public_text(meeting, meeting.summary, private_names(meeting)),
             "url": reverse("disclosure:meeting", args=[meeting.pk])} for meeting in meetings]
