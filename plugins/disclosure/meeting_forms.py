"""The forms of the meeting screens; every choice (village, record, broadcast) is limited to the meeting's town."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cunwu.plugins import api

from .meeting_models import MeetingAttendee, MeetingResponsibility, MeetingScore, SupervisionMeeting
from .record_models import PowerRecord


class MeetingForm(forms.ModelForm):
    """The meeting's heading; the village is one the user works for, empty (town-wide) only for town roles."""

    broadcast = forms.TypedChoiceField(label=_("Broadcast"), required=False, coerce=int, empty_value=None,
                                       help_text=_("The livestream of this meeting, if it was broadcast."))

    class Meta:
        model = SupervisionMeeting
        fields = ["village", "kind", "title", "held_at", "place", "summary"]
        widgets = {"held_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                   "summary": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, town, user, broadcasts=(), town_wide=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = api.user_villages(user, town).order_by("sort_order", "name")
        self.fields["village"].required = not town_wide
        if broadcasts:
            self.fields["broadcast"].choices = [("", "---------")] + [(b["id"], b["title"]) for b in broadcasts]
            self.fields["broadcast"].initial = self.instance.broadcast_id
        else:  # no livestream in this town: nothing to pick
            del self.fields["broadcast"]

    def save(self, commit=True):
        if "broadcast" in self.fields:
            self.instance.broadcast_id = self.cleaned_data.get("broadcast")
        return super().save(commit)


class RecordsForm(forms.Form):
    records = forms.ModelMultipleChoiceField(label=_("Power records reviewed"), required=False,
                                             queryset=PowerRecord.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        records = PowerRecord.objects.filter(town=meeting.town).select_related("village")
        if meeting.village_id:
            records = records.filter(village=meeting.village)
        self.fields["records"].queryset = records.order_by("-opened_at")
        self.fields["records"].label_from_instance = lambda r: f"{r.tracking_code} {r.village.name} {r.title}"
        self.fields["records"].initial = list(meeting.records.values_list("pk", flat=True))


class CaseForm(forms.Form):
    number = forms.CharField(label=_("Case tracking number"), max_length=16)


class AttendeeForm(forms.ModelForm):
    class Meta:
        model = MeetingAttendee
        fields = ["name", "role"]


class ResponsibilityForm(forms.ModelForm):
    class Meta:
        model = MeetingResponsibility
        fields = ["task", "owner", "deadline"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}


class ScoreForm(forms.ModelForm):
    class Meta:
        model = MeetingScore
        fields = ["subject", "satisfied", "fairly_satisfied", "dissatisfied"]


class AddendumForm(forms.Form):
    text = forms.CharField(label=_("Addendum"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


ROW_FORMS = {"attendee": AttendeeForm, "responsibility": ResponsibilityForm, "score": ScoreForm}
