"""Finance follows power: a ledger line cites the power record it pays for.

The line editor offers the records of the ledger's village as a select (title and tracking code, never typed);
a record of another village, even posted by hand, is a form error on its line. The public ledger links a cited
record to its public page (record_views.py).
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _

from .record_models import PowerRecord

def record_label(record, with_village=False):
    label = f"{record.title}（{record.tracking_code}）"
    return f"{record.village.name} · {label}" if with_village else label


def record_choices(village_ids):
    """The select's choices, read once for every line form of the editor (not once per line)."""
    records = PowerRecord.objects.filter(village_id__in=village_ids).select_related("village").order_by(
        "village__name", "-opened_at", "-id")
    several = len(set(village_ids)) > 1
    return [("", "---------"), *((record.pk, record_label(record, several)) for record in records)]


def limit_record_field(form, village_ids, choices):
    """Make the line form's `record` a plain select of the given villages' records."""
    field = form.fields.get("record")
    if field is None:
        return
    field.widget = forms.Select()  # a chooser would let the editor browse other villages' records
    field.queryset = PowerRecord.objects.filter(village_id__in=village_ids)
    field.choices = choices


def check_cited_records(formset, village):
    """A line may cite only a record of its ledger's village: an error on that line otherwise."""
    if village is None:
        return
    for form in formset.forms:
        if not form.is_valid():
            continue
        record = form.cleaned_data.get("record")
        if record is not None and record.village_id != village.pk and not form.cleaned_data.get("DELETE"):
            form.add_error("record", _("This power record belongs to another village; cite one of %(village)s.")
                           % {"village": village.name})


def record_link(record):
    """(url, tracking code) of a cited record, for the public ledger."""
    return reverse("disclosure:record", args=[record.tracking_code]), record.tracking_code
