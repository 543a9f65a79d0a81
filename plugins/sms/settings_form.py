from django import forms
from django.utils.translation import gettext_lazy as _

from .limits import DEFAULTS


class SmsSettingsForm(forms.Form):
    daily_budget = forms.IntegerField(
        label=_("Text messages per number per day"), min_value=0, max_value=1000, initial=DEFAULTS["daily_budget"],
        help_text=_("Messages to one number beyond this in a day are not sent (0: no limit)."),
    )
    quiet_from = forms.IntegerField(
        label=_("Quiet hours from (hour)"), min_value=0, max_value=23, initial=DEFAULTS["quiet_from"],
        help_text=_("Reminders queued in the quiet hours wait until they end; receipts and escalations still go."),
    )
    quiet_until = forms.IntegerField(
        label=_("Quiet hours until (hour)"), min_value=0, max_value=23, initial=DEFAULTS["quiet_until"],
        help_text=_("The same hour as the start: no quiet hours."),
    )
