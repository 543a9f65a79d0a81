from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class RecordChoiceBlock(blocks.ChoiceBlock):
    """A choice among database records, stored as their code.

    ChoiceBlock.to_python looks the stored value up in its choices; with choices read from the database that is
    one query per block on every public page. The values are plain strings, so keep them as stored.
    """

    def to_python(self, value):
        return value or ""


def _village_choices():
    """Villages by name (the stored value is the village's code, which the editor never types)."""
    from .models import LedgerMonth

    village = LedgerMonth._meta.get_field("village").related_model
    rows = village.objects.select_related("town").order_by("town__name", "sort_order", "name")
    return [("", _("(the village of this page)")), *((v.code, f"{v.town.name} · {v.name}") for v in rows)]


class FinanceSummaryBlock(blocks.StructBlock):
    """The newest published month of one village: income, expenditure, balance and a link to the full ledger."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    village = RecordChoiceBlock(
        label=_("village"), choices=_village_choices, required=False,
        help_text=_("Leave empty on a village's page to show that village."),
    )

    class Meta:
        icon = "table"
        label = _("Village finance summary")
        template = "disclosure/blocks/finance_summary.html"
        description = _("This month's income, expenditure and balance of a village, with a link to its ledger.")
        preview_value = {"title": ""}
        prefetch = "disclosure.blocks.prefetch_summaries"


def _page_village_code(context):
    village = getattr(context.get("page"), "village", None)
    return getattr(village, "code", "") or ""


def prefetch_summaries(values, context):
    """One query for every finance summary on the page, however many there are."""
    from .queries import latest_published

    town = context.get("town")
    wanted = {id(value): str(value.get("village") or "").strip() or _page_village_code(context) for value in values}
    if town is None or not any(wanted.values()):
        return {}
    latest = {
        ledger.village.code: ledger
        for ledger in latest_published(town.villages.filter(code__in=set(wanted.values()))).values()
    }
    return {key: latest.get(code) for key, code in wanted.items()}


class FinanceOverviewBlock(blocks.StructBlock):
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


def _matter_choices():
    """Published matters by title (the stored value is the matter's code, which the editor never types)."""
    from .power_models import Matter, MatterStatus

    rows = Matter.objects.filter(status=MatterStatus.PUBLISHED).order_by("code").values_list("code", "title").distinct()
    seen, choices = set(), [("", _("(a whole category)"))]
    for code, title in rows:
        if code not in seen:
            seen.add(code)
            choices.append((code, f"{code} {title}"))
    return choices


class PowerListBlock(blocks.StructBlock):
    """One matter of the power list, or all matters of a category, linking to their flowcharts."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    category = blocks.ChoiceBlock(label=_("category"), choices=_matter_categories, required=False)
    code = RecordChoiceBlock(label=_("matter"), choices=_matter_choices, required=False,
                              help_text=_("One matter instead of a whole category."))

    class Meta:
        icon = "list-ol"
        label = _("Power list")
        template = "disclosure/blocks/power_list.html"
        description = _("A matter of the power list or a whole category, linking to the flowcharts.")
        preview_value = {"title": "", "category": "livelihood", "code": ""}
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


class PowerCatalogueBlock(blocks.StructBlock):
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
