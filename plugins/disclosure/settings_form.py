"""A town's disclosure settings: when villages are reminded to publish last month, and when supervisors are warned."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class DisclosureSettingsForm(forms.Form):
    reminder_day = forms.IntegerField(
        label=_("Remind villages on day"), initial=5, min_value=1, max_value=28,
        help_text=_("Day of the month on which villages that have not published last month's ledger are reminded."),
    )
    warning_day = forms.IntegerField(
        label=_("Warn the discipline supervisors on day"), initial=10, min_value=2, max_value=28,
        help_text=_("Day of the month on which a village still missing last month's ledger is reported to supervisors."),
    )
    lease_notice_days = forms.IntegerField(
        label=_("Remind before a lease ends or a rent falls due (days)"), initial=30, min_value=1, max_value=180,
    )
    # Finance warnings on the supervisor's board (finance_rules.py)
    large_expense_amount = forms.IntegerField(
        label=_("Large expense from (yuan)"), initial=50000, min_value=1,
        help_text=_("An expense above this amount must cite a power record or a meeting resolution; payments under "
                    "it that add up to more are flagged as possibly split."),
    )
    split_band_percent = forms.IntegerField(
        label=_("“Just under” band (%)"), initial=5, min_value=1, max_value=50,
        help_text=_("Payments this close below the large-expense amount count as just under it."),
    )
    split_window_days = forms.IntegerField(
        label=_("Split payments within (days)"), initial=30, min_value=1, max_value=366,
    )

    def clean(self):
        data = super().clean()
        reminder, warning = data.get("reminder_day"), data.get("warning_day")
        if reminder and warning and warning <= reminder:
            raise ValidationError(_("The warning day must come after the reminder day."))
        return data
