from django import forms
from django.utils.translation import gettext as _

from cunwu.plugins import api
from cunwu.plugins.api import TownScopedForm

from .models import Category, LedgerMonth


class LedgerForm(TownScopedForm):
    """Categories stop at the editor's towns; a village's month exists once (later versions come from corrections)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None or "lines" not in self.formsets:
            return
        towns = [self.town] if self.town is not None else api.user_towns(for_user)
        categories = Category.objects.filter(town__in=towns).select_related("parent")
        formset = self.formsets["lines"]
        for form in [*formset.forms, formset.empty_form]:
            form.fields["category"].queryset = categories

    def clean(self):
        cleaned = super().clean()
        village, year, month = cleaned.get("village"), cleaned.get("year"), cleaned.get("month")
        if village and year and month:
            clash = LedgerMonth.objects.filter(village=village, year=year, month=month)
            if self.instance.pk:
                original = (self.instance.village_id, self.instance.year, self.instance.month)
                if self.instance.supersedes_id and original != (village.pk, year, month):
                    raise forms.ValidationError(_("A correction keeps the village and month of the ledger it corrects."))
                if original == (village.pk, year, month):
                    clash = clash.none()
            if clash.exists():
                raise forms.ValidationError(
                    _("%(village)s already has a ledger for %(year)s-%(month)02d; open it instead of adding another.")
                    % {"village": village.name, "year": year, "month": month}
                )
        return cleaned

