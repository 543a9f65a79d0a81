"""Blocks the disclosure plugin offers to page bodies. Villages and matters are picked (choosers.py), never typed;
pages stored before the pickers hold codes ("beigoucun", "JC-01"), which still render (migration 00xx converts them)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cunwu.plugins import api

from .choosers import MatterChooserBlock, VillageChooserBlock


def _admin_town(parent_context):
    request = (parent_context or {}).get("request")
    return api.admin_town(request) if request is not None and getattr(request, "user", None) else None


class PreviewMixin:
    """The block picker's preview shows the block with the editor's town's real figures: the prefetch the public
    page runs, in the town the editor works on."""

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context)
        town = _admin_town(parent_context)
        if town is not None and getattr(self.meta, "prefetch", None):
            from django.utils.module_loading import import_string

            context = {**context, "town": town}
            context["prefetched"] = import_string(self.meta.prefetch)([value], context).get(id(value))
        return context


class FinanceSummaryBlock(PreviewMixin, blocks.StructBlock):
    """The newest published month of one village: income, expenditure, balance and a link to the full ledger."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=80,
                             help_text=_("Leave empty to use the village's name and the month."))
    village = VillageChooserBlock(
        label=_("village"), required=False,
        help_text=_("Pick the village from the list. Leave empty on a village's page to show that village."),
    )

    class Meta:
        icon = "table"
        label = _("Village finance summary")
        template = "disclosure/blocks/finance_summary.html"
        description = _("This month's income, expenditure and balance of a village, with a link to its ledger.")
        help_text = _("Shows the newest month the town has published for the village you pick; "
                      "a month still under review is never shown.")
        preview_value = {"title": "", "village": None}
        prefetch = "disclosure.blocks.prefetch_summaries"


def _page_village_code(context):
    village = getattr(context.get("page"), "village", None)
    return getattr(village, "code", "") or ""


def _wanted_village(value, context):
    """The code of the village a summary shows, or None when its pick is gone or of another town."""
    village, town = value.get("village"), context.get("town")
    if isinstance(village, api.PickedGone):
        return None
    if isinstance(village, str):  # a code stored before the picker: looked up in the page's town
        return village.strip() or _page_village_code(context)
    if village is not None:
        return village.code if town is not None and village.town_id == town.pk else None
    return _page_village_code(context)


def prefetch_summaries(values, context):
    """One query for every finance summary on the page, however many there are."""
    from .queries import latest_published

    town = context.get("town")
    if town is None:
        return {}
    wanted = {id(value): _wanted_village(value, context) for value in values}
    codes = {code for code in wanted.values() if code}
    latest = {ledger.village.code: ledger for ledger in latest_published(town.villages.filter(code__in=codes)).values()} if codes else {}
    return {key: GONE if code is None else latest.get(code) for key, code in wanted.items()}


# What `prefetched` holds for a block whose pick was deleted: its template then renders nothing.
GONE = "gone"


class FinanceOverviewBlock(PreviewMixin, blocks.StructBlock):
    """Every village of the town: its newest published month, with links to its ledger, payments and assets."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)

    class Meta:
        icon = "table"
        label = _("Finance of every village")
        template = "disclosure/blocks/overview.html"
        description = _(
            "The latest published income, expenditure and balance of each village of the town, with links to "
            "its ledger, benefit payments and collective assets. Nothing to fill in."
        )
        help_text = _("Nothing to fill in: the block lists every village of the town by itself, "
                      "newest published month first.")
        preview_value = {"title": ""}
        prefetch = "disclosure.blocks.prefetch_overview"


def prefetch_overview(values, context):
    """Two queries whatever the number of villages or blocks: the villages, and their newest months."""
    from .queries import latest_published

    town = context.get("town")
    if town is None:
        return {}
    villages = list(town.villages.order_by("sort_order", "name"))
    latest = latest_published(town.villages.all())
    rows = [(village, latest.get(village.pk)) for village in villages]
    return {id(value): rows for value in values}


def _matter_categories():
    from .power_models import MatterCategory

    return [("", _("(every category)")), *MatterCategory.choices]


class PowerListBlock(PreviewMixin, blocks.StructBlock):
    """One matter of the power list, or all matters of a category, linking to their flowcharts."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    category = blocks.ChoiceBlock(label=_("category"), choices=_matter_categories, required=False,
                                  help_text=_("Every published matter of this category."))
    # The stored name stays "code": pages stored before the picker hold the matter's code there.
    code = MatterChooserBlock(label=_("matter"), required=False,
                              help_text=_("Or pick one matter by its name instead of a whole category."))

    class Meta:
        icon = "list-ol"
        label = _("Power list")
        template = "disclosure/blocks/power_list.html"
        description = _("A matter of the power list or a whole category, linking to the flowcharts.")
        help_text = _("Pick one matter, or leave the matter empty and choose a category. "
                      "A corrected matter shows its newest published version.")
        preview_value = {"title": "", "category": "livelihood", "code": None}
        prefetch = "disclosure.blocks.prefetch_matters"


def _matter_code(value, town):
    """The code a block shows: of its picked matter (any version, the published one is shown), or as stored
    before the picker; None when the pick was deleted or is another town's, "" for a whole category."""
    picked = value.get("code")
    if isinstance(picked, api.PickedGone):
        return None
    if isinstance(picked, str):
        return picked.strip()
    if picked is not None:
        return picked.code if picked.town_id == town.pk else None
    return ""


def prefetch_matters(values, context):
    from django.db.models import Q

    from .power_models import Matter

    town = context.get("town")
    if town is None:
        return {}
    codes = {id(value): _matter_code(value, town) for value in values}
    wanted = Q(pk__in=[])
    for value in values:
        if codes[id(value)]:
            wanted |= Q(code=codes[id(value)])
        elif codes[id(value)] == "" and value.get("category"):
            wanted |= Q(category=value["category"])
    found = list(Matter.objects.filter(wanted, town=town, live=True, status="published").order_by("sort_order", "code"))
    result = {}
    for value in values:
        code = codes[id(value)]
        if code is None:
            result[id(value)] = GONE
        else:
            result[id(value)] = [m for m in found if (m.code == code if code else m.category == value.get("category"))]
    return result


class PowerCatalogueBlock(PreviewMixin, blocks.StructBlock):
    """The whole power list of the town by category, positive and negative lists apart, with a search box."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)

    class Meta:
        icon = "list-ol"
        label = _("The whole power list")
        template = "disclosure/blocks/power_catalogue.html"
        description = _(
            "Every published matter of the town's power list by category, the positive and the negative list, "
            "with a search box; each matter links to its flowchart. Nothing to fill in."
        )
        help_text = _("Nothing to fill in: the block shows the town's whole published power list by itself.")
        preview_value = {"title": ""}
        prefetch = "disclosure.blocks.prefetch_catalogue"


def prefetch_catalogue(values, context):
    """One query: the town's published matters, grouped as the power-list view groups them."""
    from .power_views import grouped_matters, matters_for

    town = context.get("town")
    if town is None:
        return {}
    lists = grouped_matters(matters_for(town))
    return {id(value): lists for value in values}


BLOCKS = [
    ("disclosure_finance_summary", FinanceSummaryBlock()),
    ("disclosure_overview", FinanceOverviewBlock()),
    ("disclosure_power_list", PowerListBlock()),
    ("disclosure_power_catalogue", PowerCatalogueBlock()),
]
