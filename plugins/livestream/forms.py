import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOBILE = re.compile(r"^1[3-9][0-9]{9}$")  # ASCII digits only: \d would also take full-width ones


def normalise_mobile(value):
    digits = re.sub(r"[\s\-]", "", value or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not MOBILE.match(digits):
        raise ValidationError(_("Enter an 11-digit mainland China mobile number, e.g. 13812345678."), code="mobile")
    return digits


class LivestreamSettingsForm(forms.Form):
    embed_hosts = forms.CharField(
        label=_("Allowed video hosts for embedded players"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One host name per line, e.g. player.bilibili.com. Empty: the platform's list."),
    )
    reminder_minutes = forms.IntegerField(
        label=_("Send reminders this many minutes before the start"), min_value=5, max_value=24 * 60, initial=30
    )
    poll_seconds = forms.IntegerField(
        label=_("Live page checks for new updates every (seconds)"), min_value=2, max_value=60, initial=5
    )


class SubscribeForm(forms.Form):
    phone = forms.CharField(
        label=_("Mobile number"), max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "138xxxxxxxx"}),
    )

    def clean_phone(self):
        return normalise_mobile(self.cleaned_data["phone"])


class QuestionForm(forms.Form):
    name = forms.CharField(label=_("Your name (optional, shown masked)"), max_length=30, required=False)
    body = forms.CharField(label=_("Your question"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < 4:
            raise ValidationError(_("Please write your question in a few more words."))
        return body
