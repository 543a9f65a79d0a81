"""The phone's check-in form. It has no time field: the moment is the server's when the check-in is saved, so a
date posted with the form (a back-dating attempt) has nowhere to go. Place and accuracy come from the browser's
geolocation in hidden fields; a phone that refuses location leaves them empty and the check-in says so."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cunwu.plugins import api

from .references import clean_reference

MAX_PHOTO_BYTES = 5 * 1024 * 1024  # a phone photo is 2–4 MB; the re-encoded one is smaller


def coordinate(label, limit):
    # No digit limits here: a browser sends 30.2741234567; the value is rounded to the column's 6 places.
    return forms.DecimalField(label=label, required=False, min_value=-limit, max_value=limit, widget=forms.HiddenInput)


class CheckInForm(forms.Form):
    village = forms.ModelChoiceField(label=gettext_lazy("Village"), queryset=None, empty_label=None)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    visited = forms.CharField(label=gettext_lazy("Record or case visited"), required=False, max_length=40,
                              help_text=gettext_lazy("A power record's tracking code (QL-…) or an appeal's tracking "
                                                     "number; leave empty for a plain visit."))
    photo = forms.FileField(label=gettext_lazy("Photo"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
                            help_text=gettext_lazy("JPEG, PNG, WebP or HEIC, at most 5 MB."))
    latitude = coordinate(gettext_lazy("Latitude"), 90)
    longitude = coordinate(gettext_lazy("Longitude"), 180)
    accuracy_m = forms.DecimalField(label=gettext_lazy("Accuracy (m)"), required=False, min_value=Decimal("0"),
                                    max_value=Decimal("100000"), widget=forms.HiddenInput)

    def __init__(self, town, villages, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.town = town
        self.fields["village"].queryset = villages
        if villages.count() == 1:
            self.fields["village"].initial = villages.first().pk

    def clean_accuracy_m(self):
        value = self.cleaned_data.get("accuracy_m")
        return value.quantize(Decimal("0.1")) if value is not None else None

    def clean_latitude(self):
        value = self.cleaned_data.get("latitude")
        return value.quantize(Decimal("0.000001")) if value is not None else None

    def clean_longitude(self):
        value = self.cleaned_data.get("longitude")
        return value.quantize(Decimal("0.000001")) if value is not None else None

    def clean_visited(self):
        return clean_reference(self.town, self.cleaned_data.get("visited"))

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        # Judged by content, re-encoded from its pixels: the phone's EXIF (GPS, device) does not survive.
        checked, _content_type = api.check_upload(upload, ("image",), max_bytes=MAX_PHOTO_BYTES)
        return checked

    def clean(self):
        data = super().clean()
        place = [data.get("latitude"), data.get("longitude")]
        if any(value is not None for value in place) and None in place:
            raise ValidationError(_("The location is incomplete; check in again."))
        if None in place:
            data["accuracy_m"] = None  # an accuracy without a place means nothing
        return data
