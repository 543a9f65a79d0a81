"""Forms of the power-record admin screens: open a record, and the documents, vote figures or refusal of a step.

The forms only collect; record_gate.py decides. What they check themselves is what the gate cannot: that an upload
is what it claims to be (api.check_upload), and that a picked matter and village are the town's and the user's.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from cunwu.plugins import api

from .power_models import DocumentKind, Matter, MatterStatus

UPLOAD_KINDS = ("image", "pdf")  # scans and phone photos of minutes, contracts and invoices


class NewRecordForm(forms.Form):
    matter = forms.ModelChoiceField(queryset=Matter.objects.none(), label=_("Power list matter"),
                                    help_text=_("The matter of the town's published power list this record follows."))
    village = forms.ModelChoiceField(queryset=None, label=_("Village"))
    title = forms.CharField(label=_("Title"), max_length=120,
                            help_text=_("The project and its year, e.g. 北沟村 2027 年道路硬化."))
    amount = forms.DecimalField(label=_("Amount (yuan)"), max_digits=14, decimal_places=2, min_value=0, required=False)
    proposer_name = forms.CharField(label=_("Proposer's name"), max_length=60, required=False,
                                    help_text=_("Empty: your own name."))

    def __init__(self, *args, town, user, **kwargs):
        super().__init__(*args, **kwargs)
        matters = self.fields["matter"]
        matters.queryset = Matter.objects.filter(town=town, status=MatterStatus.PUBLISHED).order_by(
            "category", "sort_order", "code")
        matters.label_from_instance = lambda matter: matter.title
        villages = self.fields["village"].queryset = api.user_villages(user, town).order_by("sort_order", "name")
        if len(villages) == 1:  # a village cadre works for one village: nothing to pick on a phone
            self.fields["village"].initial = villages[0].pk


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("File"), help_text=_("A PDF or a photo, at most 10 MB."))
    public = forms.BooleanField(label=_("Shown to the public"), required=False,
                                help_text=_("Leave unticked if it names villagers or holds other personal data."))

    def has_changed(self):
        """A row is filled when it carries a file: its kind is a select, which a browser always sends, so a row
        left alone would otherwise be "changed" and refused for its missing file (a step needing no document
        could not be closed from a browser)."""
        return bool(self.files and self.files.get(self.add_prefix("file")))

    def clean_file(self):
        checked, _content_type = api.check_upload(self.cleaned_data["file"], UPLOAD_KINDS)
        return checked


class DocumentRows(forms.BaseFormSet):
    """One row per document the step requires, its kind chosen already, and one more; untouched rows are skipped."""

    def __init__(self, *args, kinds=(), **kwargs):
        self.kinds = list(kinds)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index < len(self.kinds):
            kwargs["initial"] = {"kind": self.kinds[index]}
        return kwargs

    def documents(self):
        """What record_gate.close_step takes: {"kind", "file", "public"} of each filled row."""
        return [form.cleaned_data for form in self.forms if form.cleaned_data]


def document_rows(kinds, data=None, files=None):
    rows = forms.formset_factory(DocumentForm, formset=DocumentRows, extra=len(kinds) + 1, max_num=10)
    return rows(data, files, kinds=kinds, prefix="documents")


class VoteForm(forms.Form):
    """The figures of a step's vote; record_votes.py judges quorum and majority."""

    members = forms.IntegerField(label=_("Representatives in total"), min_value=0, required=False)
    present = forms.IntegerField(label=_("Attendance"), min_value=0, required=False)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, required=False)

    FIGURES = {"members": "members", "present": "present", "votes_for": "for", "votes_against": "against"}

    def figures(self):
        return {key: self.cleaned_data[name] for name, key in self.FIGURES.items()
                if self.cleaned_data.get(name) is not None}


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for sending it back"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The village will see it on the record."))


class ForceForm(forms.Form):
    """The town administrator's forcing of the current step (record_force.py); the gate refuses an empty reason."""

    reason = forms.CharField(label=_("Why the step is forced closed"), max_length=1000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Kept on the record for good, shown to the public and sent with the early "
                                         "warning to the supervision committee and the discipline commission."))
