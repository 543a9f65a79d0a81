"""What the town's search finds of this plugin: published power-list matters, finance months and payment lists.

Only published records, and no personal data: counterparties that are people are left out of the finance text,
household heads of payment lists are masked.
"""

import re

from django.urls import reverse
from django.utils.translation import gettext as _

from cunwu.plugins import api

from .models import LedgerMonth, LineItem, Status
from .payment_models import Payment
from .payment_views import mask_name, published_lists
from .power_models import Matter, MatterStatus, Step

# A counterparty naming one of these is an organisation; anything else may be a person and stays out of the index.
ORGANISATION = re.compile(r"公司|合作社|银行|信用社|委员会|政府|中心|协会|集团|学校|医院|超市|商行|经营部|[局站厂店所院部处队社]$")


def is_organisation(name):
    return bool(name) and bool(ORGANISATION.search(name))


def _money(value):
    return f"{value or 0:,.2f}"


def matter_documents(town):
    matters = list(Matter.objects.filter(town=town, live=True, status=MatterStatus.PUBLISHED))
    steps = {}
    for matter_id, title in Step.objects.filter(matter__in=matters).order_by("sort_order").values_list("matter_id", "title"):
        steps.setdefault(matter_id, []).append(title)
    for m in matters:
        text = " ".join([m.get_category_display(), m.get_list_type_display(), m.conditions, m.materials, m.policy_basis,
                         *steps.get(m.pk, [])])
        yield api.SearchDoc(f"matter:{m.code}", f"{m.code} {m.title}", text,
                            reverse("disclosure:power_detail", args=[m.code]), _("Power list"), m.published_at)


def ledger_documents(town):
    ledgers = list(LedgerMonth.objects.filter(village__town=town, status=Status.PUBLISHED).select_related("village"))
    words = {}
    lines = LineItem.objects.filter(ledger__in=ledgers).values_list("ledger_id", "purpose", "counterparty").distinct()
    for ledger_id, purpose, counterparty in lines.iterator(chunk_size=5000):
        found = words.setdefault(ledger_id, {})  # a dict keeps the first-seen order and drops repeats
        found[purpose] = True
        if is_organisation(counterparty):
            found[counterparty] = True
    for ledger in ledgers:
        title = _("%(village)s %(year)s-%(month)s finance disclosure") % {
            "village": ledger.village.name, "year": ledger.year, "month": ledger.month}
        totals = _("Income %(income)s yuan, expenditure %(expense)s yuan, closing balance %(closing)s yuan.") % {
            "income": _money(ledger.total_income), "expense": _money(ledger.total_expense),
            "closing": _money(ledger.closing_balance)}
        url = reverse("disclosure:ledger", args=[ledger.village.code]) + f"?year={ledger.year}&month={ledger.month}"
        yield api.SearchDoc(f"ledger:{ledger.village_id}:{ledger.year}:{ledger.month}", title,
                            " ".join([totals, *words.get(ledger.pk, {})]), url, _("Finance disclosure"), ledger.published_at)


def payment_documents(town):
    lists = list(published_lists(town))
    names = {}
    for list_id, name in Payment.objects.filter(payment_list__in=lists).values_list("payment_list_id", "household_head"):
        names.setdefault(list_id, []).append(mask_name(name))
    for pl in lists:
        text = _("%(n)s households, %(total)s yuan in all.") % {"n": pl.households, "total": _money(pl.total)}
        url = reverse("disclosure:payments") + f"?village={pl.village.code}&list={pl.pk}"
        yield api.SearchDoc(f"payments:{pl.pk}", f"{pl.year} {pl.village.name} {pl.programme}",
                            " ".join([text, *names.get(pl.pk, [])]), url, _("Benefit payments"), pl.published_at)


def documents(town):
    """In the site's language whatever request triggered the reindex: the index serves every visitor."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        return [*matter_documents(town), *ledger_documents(town), *payment_documents(town)]


def reindex_later(town):
    """Refresh the town's search entries once the transaction that published something has committed."""
    from django.db import transaction

    transaction.on_commit(lambda: api.reindex_search(town, "disclosure"))
