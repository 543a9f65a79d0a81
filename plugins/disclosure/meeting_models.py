"""Supervision meetings (监督会议): a village's supervision day (村务监督日) or a sunshine report meeting (阳光述职,
"一述二问三定四评": describe, ask, fix responsibilities, evaluate), with the records and cases it reviewed, who attended
as what, the responsibilities it fixed with their deadlines, and the villagers' scores.

Published means frozen: the meeting and its rows refuse any change in place (the model layer, so no screen or shell
rewrites what villagers saw). What comes later is an addendum, dated and shown below the summary; the one thing that
still moves is a responsibility being marked done, which is the tracking the meeting asked for.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    SUPERVISION_DAY = "supervision_day", _("Supervision day")
    SUNSHINE_REPORT = "sunshine_report", _("Sunshine report meeting")


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class AttendeeRole(models.TextChoices):
    SECRETARY = "secretary", _("Village Party secretary")
    DIRECTOR = "director", _("Village committee director")
    COMMITTEE_DIRECTOR = "committee_director", _("Supervision committee director")
    COMMITTEE_MEMBER = "committee_member", _("Supervision committee member")
    DISCIPLINE = "discipline", _("Town discipline commission")
    REPRESENTATIVE = "representative", _("Villagers' representative")
    OTHER = "other", _("Other")


# Cadres and supervisors attend in office and are named in full, as the village's notice board names them;
# villagers' representatives and others are private people, masked on public pages.
PRIVATE_ROLES = (AttendeeRole.REPRESENTATIVE, AttendeeRole.OTHER)


class MeetingLocked(ValidationError):
    """Raised when anything tries to change a published meeting in place."""


def locked_error():
    return MeetingLocked(_("This meeting has been published and cannot be changed; add an addendum instead."),
                         code="locked")


class SupervisionMeeting(models.Model):
    town = models.ForeignKey("towns.Town", on_delete=models.CASCADE, related_name="supervision_meetings",
                             verbose_name=_("town"))
    village = models.ForeignKey("towns.Village", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="supervision_meetings", verbose_name=_("village"),
                                help_text=_("Leave empty for a town-wide meeting."))
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.SUPERVISION_DAY)
    title = models.CharField(_("title"), max_length=120)
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT,
                              editable=False)
    summary = models.TextField(_("meeting summary"), blank=True, max_length=5000)
    records = models.ManyToManyField("disclosure.PowerRecord", blank=True, related_name="meetings",
                                     verbose_name=_("power records reviewed"))
    # The livestream plugin's broadcast (a page id, not a key: this plugin never depends on that one's tables).
    broadcast_id = models.PositiveIntegerField(_("broadcast"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        app_label = "disclosure"
        verbose_name = _("supervision meeting")
        verbose_name_plural = _("supervision meetings")
        ordering = ["-held_at", "-pk"]
        indexes = [models.Index(fields=["town", "status", "held_at"], name="disclosure_meeting_list")]

    def __str__(self):
        return self.title

    def _stored_status(self):
        if not self.pk:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()

    def save(self, *args, **kwargs):
        if self._stored_status() == MeetingStatus.PUBLISHED:
            raise locked_error()
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_status() == MeetingStatus.PUBLISHED:
            raise locked_error()
        return super().delete(*args, **kwargs)


class MeetingRow(models.Model):
    """A row of a meeting: frozen with it."""

    class Meta:
        abstract = True

    def _published(self):
        return SupervisionMeeting.objects.filter(pk=self.meeting_id, status=MeetingStatus.PUBLISHED).exists()

    def save(self, *args, **kwargs):
        if self._published() and not getattr(self, "_tracking", False):
            raise locked_error()
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._published():
            raise locked_error()
        return super().delete(*args, **kwargs)


class MeetingCase(MeetingRow):
    """An appeals case reviewed, by its tracking number; what the appeals plugin said of it when it was added."""

    meeting = models.ForeignKey(SupervisionMeeting, on_delete=models.CASCADE, related_name="cases")
    number = models.CharField(_("case number"), max_length=16)

    class Meta:
        app_label = "disclosure"
        ordering = ["meeting", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="unique_meeting_case")]


class MeetingAttendee(MeetingRow):
    meeting = models.ForeignKey(SupervisionMeeting, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("full name"), max_length=60)
    role = models.CharField(_("role"), max_length=20, choices=AttendeeRole.choices)

    class Meta:
        app_label = "disclosure"
        ordering = ["meeting", "pk"]

    @property
    def is_private(self):
        return self.role in PRIVATE_ROLES


class MeetingResponsibility(MeetingRow):
    """A responsibility fixed at the meeting (三定): what, who, by when; tracked until it is marked done."""

    meeting = models.ForeignKey(SupervisionMeeting, on_delete=models.CASCADE, related_name="responsibilities")
    task = models.CharField(_("what"), max_length=300)
    owner = models.CharField(_("who"), max_length=60)
    deadline = models.DateField(_("due by"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")

    class Meta:
        app_label = "disclosure"
        ordering = ["meeting", "deadline", "pk"]

    def state(self, today):
        if self.done_at:
            return "done"
        return "overdue" if today > self.deadline else "open"


class MeetingScore(MeetingRow):
    """Villagers' evaluation (四评) of one cadre or item, counted at the meeting (on paper or by show of hands)."""

    meeting = models.ForeignKey(SupervisionMeeting, on_delete=models.CASCADE, related_name="scores")
    subject = models.CharField(_("cadre or item"), max_length=120)
    satisfied = models.PositiveIntegerField(_("satisfied"), default=0)
    fairly_satisfied = models.PositiveIntegerField(_("fairly satisfied"), default=0)
    dissatisfied = models.PositiveIntegerField(_("dissatisfied"), default=0)

    class Meta:
        app_label = "disclosure"
        ordering = ["meeting", "pk"]

    @property
    def total(self):
        return self.satisfied + self.fairly_satisfied + self.dissatisfied

    @property
    def rate(self):
        """满意率 as villages count it: satisfied and fairly satisfied over all votes, in percent (None: no votes)."""
        return round(100 * (self.satisfied + self.fairly_satisfied) / self.total, 1) if self.total else None


class MeetingAddendum(models.Model):
    """What is said of a published meeting afterwards: dated, signed, never edited."""

    meeting = models.ForeignKey(SupervisionMeeting, on_delete=models.CASCADE, related_name="addenda")
    text = models.TextField(_("addendum"), max_length=2000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        app_label = "disclosure"
        ordering = ["meeting", "created_at", "pk"]
