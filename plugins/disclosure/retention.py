"""How long the households of benefit payment lists stay identifiable (the plugin's `retention`).

A published payment list is a public record and stays, with every amount and date. After the town's period
(three years from publication by default: the span in which payments are inspected and households ask about
them) each household keeps only the masked name the public page already shows (张*明); the last four ID and
bank characters are cleared. The public page therefore looks the same before and after; only the household's
own check stops finding those old payments.
"""

from django.utils.translation import gettext_lazy as _

from cunwu.plugins import api

from .payment_models import Payment
from .record_reports import anonymise_reporters

BATCH = 2000


def anonymise_households(town, cutoff, dry_run=False):
    rows = Payment.objects.filter(
        payment_list__village__town=town, payment_list__published_at__lt=cutoff,
    ).exclude(id_last4="", bank_last4="")
    if dry_run:
        return rows.count()
    done = 0
    while batch := list(rows.only("pk", "household_head")[:BATCH]):
        for payment in batch:
            payment.household_head = api.mask_name(payment.household_head)
            payment.id_last4 = payment.bank_last4 = ""
        # bulk_update, not save(): a published list refuses changes through the model, by design, except this one.
        Payment.objects.bulk_update(batch, ["household_head", "id_last4", "bank_last4"])
        done += len(batch)
    return done


RULES = [
    api.RetentionRule(
        key="payment_households",
        description=_("Household names and last ID/bank digits of published benefit payment lists"),
        default_days=3 * 365,
        anonymise=anonymise_households,
    ),
    api.RetentionRule(  # (problems reported on power records, record_reports.py)
        key="record_reporters",
        description=_("Names and mobile numbers of villagers who reported a problem on a power record"),
        default_days=2 * 365,
        anonymise=anonymise_reporters,
    ),
]
