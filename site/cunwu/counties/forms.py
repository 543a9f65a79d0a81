from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cunwu.towns.models import Town

from .models import CountyTown


class CountyForm(WagtailAdminModelForm):
    """A county, its towns (a town belongs to one county at most) and its supervisors."""

    towns = forms.ModelMultipleChoiceField(
        label=_("towns"), queryset=Town.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["towns"].initial = list(self.instance.towns)

    def clean_towns(self):
        towns = self.cleaned_data["towns"]
        taken = CountyTown.objects.filter(town__in=towns).exclude(county_id=self.instance.pk).select_related("town", "county")
        if taken:
            raise forms.ValidationError(
                _("Already in another county: %(towns)s.")
                % {"towns": "、".join(f"{row.town}（{row.county}）" for row in taken)}
            )
        return towns

    @transaction.atomic
    def save(self, commit=True):
        county = super().save(commit=commit)
        if commit:
            towns = self.cleaned_data["towns"]
            county.memberships.exclude(town__in=towns).delete()
            for town in towns:
                CountyTown.objects.get_or_create(town=town, defaults={"county": county})
        return county
