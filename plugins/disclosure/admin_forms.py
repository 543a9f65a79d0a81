from django import forms
from django.utils.translation import gettext as _

from cunwu.plugins import api
from cunwu.plugins.api import TownScopedForm

from .models import Category, LedgerMonth
from .record_citation import check_cited_records, limit_record_field, record_choices


def checked_upload(form, field, kinds=("image", "pdf")):
    """Make `form` judge a newly uploaded `field` by its content (api.check_upload): pictures come back
    re-encoded without their metadata (GPS), active or malformed PDFs are refused with a Chinese message."""

    def clean():
        value = form.cleaned_data.get(field)
        if not hasattr(value, "content_type"):  # unchanged (a stored file), cleared or empty: nothing new to judge
            return value
        checked, _content_type = api.check_upload(value, kinds)
        return checked

    setattr(form, f"clean_{field}", clean)


class LedgerForm(TownScopedForm):
    """Categories stop at the editor's towns; a village's month exists once (later versions come from corrections)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None or "lines" not in self.formsets:
            return
        towns = [self.town] if self.town is not None else api.user_towns(for_user)
        categories = Category.objects.filter(town__in=towns).select_related("parent")
        formset = self.formsets["lines"]
        build_line = formset.add_fields
        # A line cites a record of the ledger's village; a new ledger's village is chosen in this form, so its
        # lines offer the editor's villages' records and clean() holds each to the chosen village.
        village_ids = [self.instance.village_id] if self.instance.village_id else list(
            api.user_villages(for_user, self.town).values_list("pk", flat=True))
        records = record_choices(village_ids)

        def add_fields(form, index):
            # Every line form, including the "add line" template (`empty_form`, a new form each time it is read),
            # passes here: its categories are the town's, never another town's.
            build_line(form, index)
            form.fields["category"].queryset = categories
            checked_upload(form, "attachment")
            limit_record_field(form, village_ids, records)

        formset.add_fields = add_fields
        for form in formset.forms:
            form.fields["category"].queryset = categories
            checked_upload(form, "attachment")
            limit_record_field(form, village_ids, records)

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
        if "lines" in self.formsets:
            check_cited_records(self.formsets["lines"], village)
        return cleaned


class CategoryForm(TownScopedForm):
    """A category's parent is one of the same town's categories (the choice would otherwise list every town's)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None or "parent" not in self.fields:
            return
        towns = [self.town] if self.town is not None else api.user_towns(for_user)
        parents = Category.objects.filter(town__in=towns)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
