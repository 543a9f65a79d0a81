from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class FinanceSummaryBlock(blocks.StructBlock):
    """The newest published month of one village: income, expenditure, balance and a link to the full ledger."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    village = blocks.CharBlock(
        label=_("village code"), max_length=60, help_text=_("The village's code, e.g. beigou (see Villages in the admin).")
    )

    class Meta:
        icon = "table"
        label = _("Village finance summary")
        template = "disclosure/blocks/finance_summary.html"
        description = _("This month's income, expenditure and balance of a village, with a link to its ledger.")
        prefetch = "disclosure.blocks.prefetch_summaries"


def prefetch_summaries(values, context):
    """One query for every finance summary on the page, however many there are."""
    from .models import LedgerMonth, Status

    town = context.get("town")
    codes = {str(value.get("village") or "").strip() for value in values}
    if town is None or not codes:
        return {}
    latest = {
        ledger.village.code: ledger
        for ledger in LedgerMonth.objects.filter(village__town=town, village__code__in=codes, status=Status.PUBLISHED)
        .select_related("village")
        .order_by("village_id", "-year", "-month")
        .distinct("village_id")
    }
    return {id(value): latest.get(str(value.get("village") or "").strip()) for value in values}


BLOCKS = [("disclosure_finance_summary", FinanceSummaryBlock())]
