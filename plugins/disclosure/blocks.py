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


def _matter_categories():
    from .power_models import MatterCategory

    return [("", _("(one matter by code)")), *MatterCategory.choices]


class PowerListBlock(blocks.StructBlock):
    """One matter of the power list, or all matters of a category, linking to their flowcharts."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    category = blocks.ChoiceBlock(label=_("category"), choices=_matter_categories, required=False)
    code = blocks.CharBlock(label=_("matter code"), required=False, max_length=20, help_text=_("e.g. JC-01"))

    class Meta:
        icon = "list-ol"
        label = _("Power list")
        template = "disclosure/blocks/power_list.html"
        description = _("A matter of the power list or a whole category, linking to the flowcharts.")
        prefetch = "disclosure.blocks.prefetch_matters"


def prefetch_matters(values, context):
    from django.db.models import Q

    from .power_models import Matter

    town = context.get("town")
    if town is None:
        return {}
    wanted = Q(pk__in=[])
    for value in values:
        if value.get("code"):
            wanted |= Q(code=value["code"].strip())
        elif value.get("category"):
            wanted |= Q(category=value["category"])
    found = list(Matter.objects.filter(wanted, town=town, live=True, status="published").order_by("sort_order", "code"))
    result = {}
    for value in values:
        code = (value.get("code") or "").strip()
        result[id(value)] = [m for m in found if (m.code == code if code else m.category == value.get("category"))]
    return result


BLOCKS = [("disclosure_finance_summary", FinanceSummaryBlock()), ("disclosure_power_list", PowerListBlock())]
