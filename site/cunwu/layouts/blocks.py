"""The "reusable content" block: a page shows a content its town keeps once (models.ReusableContent)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


def reusable_body_block():
    """Blocks a reusable content is made of: the core's, without a reusable content inside it (no loops)."""
    from cunwu.pages.blocks import core_blocks

    return blocks.StreamBlock([(name, block) for name, block in core_blocks() if name != "reusable"], label=_("content"))


def town_of_context(context):
    """The town whose page is being shown: by the page's place in the tree, else the request's host."""
    from cunwu.towns.models import Town

    context = context or {}
    page = context.get("page")
    if page is not None and getattr(page, "path", None):
        if not hasattr(page, "_cunwu_town"):
            page._cunwu_town = Town.for_page(page)
        return page._cunwu_town
    return context.get("town")


class ReusableContentBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Reusable content"))
        super().__init__("cunwu_layouts.ReusableContent", **kwargs)

    class Meta:
        icon = "copy"
        template = "cunwu_layouts/blocks/reusable.html"
        description = _("A contact card or box kept once for the town under “Reusable content”: edit it there and every page showing it changes.")

    def render(self, value, context=None):
        # A deleted content arrives as None; another town's (a pasted or forged id) is never shown here.
        town = town_of_context(context)
        if value is None or town is None or value.town_id != town.pk:
            return ""
        return super().render(value, context)

    def get_searchable_content(self, value):
        if value is None:
            return []
        return value.body.stream_block.get_searchable_content(value.body)
