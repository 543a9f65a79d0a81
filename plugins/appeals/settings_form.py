"""The town's appeals settings: triage level names and colours, time limits per level, office hours."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from .models import Level

# level: (default name, default colour, working hours to accept, working days to resolve)
DEFAULTS = {
    Level.RED: ("红色", "#c0392b", 4, 1),
    Level.YELLOW: ("黄色", "#d4a017", 8, 5),
    Level.GREEN: ("绿色", "#2e8b57", 16, 10),
}
CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _clock(value):
    if not CLOCK.match(value or ""):
        raise ValidationError(_("Enter a time as HH:MM, e.g. 08:30."))


def _colour(value):
    if not COLOUR.match(value or ""):
        raise ValidationError(_("Enter a colour as #RRGGBB, e.g. #c0392b."))


class AppealsSettingsForm(forms.Form):
    office_opens = forms.CharField(label=_("Office opens"), initial="09:00", max_length=5, validators=[_clock])
    office_closes = forms.CharField(label=_("Office closes"), initial="17:00", max_length=5, validators=[_clock])
    unrated_close_days = forms.IntegerField(
        label=_("Close a resolved case as not rated after (days)"), initial=7, min_value=1, max_value=60,
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("office_opens"), data.get("office_closes")
        if opens and closes and opens >= closes:
            raise ValidationError(_("The office must close after it opens."))
        return data


def _per_level(text, level):
    """A label translated when shown, not when this module is imported."""
    return lazy(lambda: gettext(text) % {"level": level.label}, str)()


# Per-level fields are added to the class (not the instance) so plugin_settings() sees their initial values.
for _level, (_name, _colour_value, _accept, _resolve) in DEFAULTS.items():
    AppealsSettingsForm.base_fields.update({
        f"{_level}_name": forms.CharField(
            label=_per_level(gettext_noop("Name of level “%(level)s”"), _level), initial=_name, max_length=20,
        ),
        f"{_level}_colour": forms.CharField(
            label=_per_level(gettext_noop("Colour of level “%(level)s”"), _level), initial=_colour_value, max_length=7,
            validators=[_colour], widget=forms.TextInput(attrs={"type": "color"}),
        ),
        f"{_level}_accept_hours": forms.IntegerField(
            label=_per_level(gettext_noop("Level “%(level)s”: accept within (working hours)"), _level),
            initial=_accept, min_value=1, max_value=24 * 20,
        ),
        f"{_level}_resolve_days": forms.IntegerField(
            label=_per_level(gettext_noop("Level “%(level)s”: resolve within (working days)"), _level),
            initial=_resolve, min_value=1, max_value=120,
        ),
    })
