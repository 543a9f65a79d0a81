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


# The block picker's preview: a "how to appeal" box as a town keeps one (sample text, like the other previews').
PREVIEW_BODY = [
    {"type": "rich_text", "value": "<h2>如何反映问题</h2><p>对村务有疑问，可到村委会当面反映，也可在本站“我要反映”在线提交。</p>"},
    {"type": "contact", "value": {"name": "西湖镇纪委", "role": "受理反映和申诉", "phone": "0937-5521234",
                                  "address": "西湖镇政府院内", "hours": "工作日 8:30–17:30"}},
]


class ReusableContentBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Reusable content"))
        kwargs.setdefault("help_text", _(
            "Choose one of the town's contents kept under “Reusable content” in the menu, e.g. the contact card. "
            "To change what it says, edit it there: every page showing it changes at once."))
        super().__init__("cunwu_layouts.ReusableContent", **kwargs)

    class Meta:
        icon = "copy"
        template = "cunwu_layouts/blocks/reusable.html"
        description = _("A contact card or box kept once for the town under “Reusable content”: edit it there and every page showing it changes.")

    def get_preview_value(self):
        from .models import ReusableContent

        return ReusableContent(title="如何反映问题", body=PREVIEW_BODY)  # never saved: of no town

    def get_preview_context(self, value, parent_context=None):
        return {**super().get_preview_context(value, parent_context), "preview_sample": True}

    def render(self, value, context=None):
        if value is not None and value.pk is None and (context or {}).get("preview_sample"):
            return super().render(value, context)  # the block picker's sample
        # A deleted content arrives as None; another town's (a pasted or forged id) is never shown here.
        town = town_of_context(context)
        if value is None or town is None or value.town_id != town.pk:
            return ""
        return super().render(value, context)

    def get_searchable_content(self, value):
        if value is None:
            return []
        return value.body.stream_block.get_searchable_content(value.body)
