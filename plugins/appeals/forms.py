"""The public forms. Every refusal is a message in Chinese; nothing is stored unless all of it is valid."""

import json
import re

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _

from .custom_fields import add_fields
from .models import Category, Kind, Satisfaction


INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")
MAX_FILES = 3
MAX_FILE_BYTES = 5 * 1024 * 1024
ACCEPT = "image/jpeg,image/png,image/webp,application/pdf"


def clean_text(value):
    return INVISIBLE.sub("", value or "").strip()


def checked_upload(upload, kinds, max_bytes=MAX_FILE_BYTES):
    """(file to store, content type) judged by content (api.check_upload): pictures re-encoded without EXIF/GPS,
    PDFs that run scripts, launch programs or carry files refused. Its refusal is the form error."""
    from cunwu.plugins import api

    try:
        return api.check_upload(upload, kinds, max_bytes=max_bytes)
    except api.UploadRefused as refused:
        raise forms.ValidationError(refused.messages) from None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    widget = MultipleFileInput(attrs={"accept": ACCEPT})

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, (list, tuple)) else [data]) if upload]
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(_("At most %(count)s files."), params={"count": MAX_FILES})
        return [checked_upload(upload, ("image", "pdf")) for upload in uploads]


class AppealForm(forms.Form):
    kind = forms.ChoiceField(label=_("What do you need?"), choices=Kind.choices, widget=forms.RadioSelect)
    village = forms.ModelChoiceField(label=_("Village"), queryset=None, empty_label=_("Choose your village"))
    category = forms.ModelChoiceField(label=_("Category"), queryset=None, empty_label=_("Choose a category"))
    content = forms.CharField(label=_("Details"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6}))
    anonymous = forms.BooleanField(label=_("Report anonymously"), required=False)
    name = forms.CharField(label=_("Your name"), max_length=30, required=False)
    phone = forms.CharField(label=_("Mobile number"), max_length=20, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"}))
    attachments = AttachmentsField(label=_("Photos or PDF (optional)"), required=False)

    def __init__(self, town, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.town = town
        self.fields["village"].queryset = town.villages.all()
        self._offer_categories(Category.objects.filter(town=town))
        self.fields["content"].error_messages["required"] = _("Please describe your matter.")
        self.fields["content"].error_messages["max_length"] = _("Please keep the details under 2000 characters.")
        add_fields(self, self._chosen_category())

    def _chosen(self, name):
        return self.data.get(name) if self.is_bound else self.initial.get(name)

    def _offer_categories(self, queryset):
        """Offer only the categories that take the chosen kind, each saying which kinds it takes.

        Validation still runs against all the town's categories, so a mismatched POST meets clean()'s message
        (which names the kinds the category takes) rather than Django's bare "not a valid choice". The small
        script filters the list again when the kind changes; it reads every category from data-categories."""
        field = self.fields["category"]
        field.queryset = queryset
        categories = list(queryset)
        kind = self._chosen("kind")
        offered = [category for category in categories if kind not in Kind.values or category.takes(kind)]
        field.choices = [("", field.empty_label)] + [(category.pk, self.option_label(category)) for category in offered]
        field.widget.attrs["data-categories"] = json.dumps(
            [{"id": c.pk, "label": str(self.option_label(c)), "kinds": c.kind_list} for c in categories], ensure_ascii=False,
        )
        field.help_text = _("Each category says which kinds of matter it takes.")

    @staticmethod
    def option_label(category):
        return _("%(name)s (%(kinds)s)") % {"name": category.name, "kinds": category.kind_labels}

    def _chosen_category(self):
        """The category picked so far (posted or carried over on a re-render), whose questions the form asks."""
        raw = self._chosen("category")
        if not raw or not str(raw).isdigit():
            return None
        return self.fields["category"].queryset.filter(pk=raw).first()

    def clean_content(self):
        content = clean_text(self.cleaned_data["content"])
        if not content:
            raise forms.ValidationError(_("Please describe your matter."))
        return content

    def clean_name(self):
        return clean_text(self.cleaned_data["name"])

    def clean_phone(self):
        raw = re.sub(r"[\s-]", "", self.cleaned_data["phone"] or "")
        if not raw:
            return ""
        try:
            number = phonenumbers.parse(raw, "CN")
        except phonenumbers.NumberParseException:
            number = None
        if (
            number is None or number.country_code != 86 or not phonenumbers.is_valid_number(number)
            or phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE
        ):
            raise forms.ValidationError(_("Please enter a valid mainland China mobile number (11 digits)."))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def clean(self):
        data = super().clean()
        kind, category = data.get("kind"), data.get("category")
        if category is not None and kind and not category.takes(kind):
            self.add_error("category", _("“%(category)s” takes only: %(kinds)s. Please choose another category or kind.") % {
                "category": category.name, "kinds": category.kind_labels,
            })
        if data.get("anonymous"):
            if kind != Kind.REPORT:
                self.add_error("anonymous", _("Only reports can be anonymous."))
        else:
            if not data.get("name"):
                self.add_error("name", _("Please give your name, or choose an anonymous report."))
            if not data.get("phone") and "phone" not in self.errors:
                self.add_error("phone", _("Please give your mobile number so we can tell you the result."))
        return data


class TrackingNumberField(forms.CharField):
    """A tracking number as villagers type it (spaces, hyphens, full-width digits), in both its forms: 11 digits
    up to the day's 999th case, more after (numbering.py). Anything else is a form error, never an exception."""

    default_error_messages = {
        "invalid": _("The tracking number is the date and the day's sequence, 11 digits (12 or more from a day's "
                     "1,000th case), e.g. 20260302001."),
    }

    def __init__(self, **kwargs):
        super().__init__(max_length=40, **kwargs)

    def to_python(self, value):
        from .numbering import normalise

        value = super().to_python(value)
        if value in self.empty_values or "\x00" in value:
            return value  # empty: "required"; NUL: CharField's own message
        try:
            return normalise(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class LookupForm(forms.Form):
    number = TrackingNumberField(label=_("Tracking number"), widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    last4 = forms.RegexField(label=_("Last 4 digits of your mobile"), regex=r"^[0-9]{4}$", max_length=4,
                             widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                             error_messages={"invalid": _("Please enter 4 digits."), "max_length": _("Please enter 4 digits.")})


class RatingForm(forms.Form):
    overall = forms.ChoiceField(label=_("Overall"), choices=Satisfaction.choices, widget=forms.RadioSelect)
    method = forms.ChoiceField(label=_("Handling method"), choices=Satisfaction.choices, widget=forms.RadioSelect)
    efficiency = forms.ChoiceField(label=_("Efficiency"), choices=Satisfaction.choices, widget=forms.RadioSelect)
    attitude = forms.ChoiceField(label=_("Attitude"), choices=Satisfaction.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_comment(self):
        return clean_text(self.cleaned_data["comment"])
