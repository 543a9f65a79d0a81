"""The blocks a town editor builds pages from: the core's, then those of installed plugins."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cunwu.layouts.blocks import ReusableContentBlock

from .content import (
    AccordionBlock,
    AnnouncementBlock,
    CallToActionBlock,
    ColumnsBlock,
    ContactCardBlock,
    DocumentListBlock,
    GalleryBlock,
    HeroBlock,
    ImageBlock,
    RichTextBlock,
    TableBlock,
)
from .dynamic import NoticeListBlock, QRCodeBlock, QuickLinkGridBlock, StatisticsBlock, VideoBlock
from .preserved import BodyStreamBlock


def core_blocks():
    return [
        ("hero", HeroBlock()),
        ("announcement", AnnouncementBlock()),
        ("rich_text", RichTextBlock()),
        ("quick_links", QuickLinkGridBlock()),
        ("notice_list", NoticeListBlock()),
        ("image", ImageBlock()),
        ("gallery", GalleryBlock()),
        ("documents", DocumentListBlock()),
        ("contact", ContactCardBlock()),
        ("statistics", StatisticsBlock()),
        ("qr_code", QRCodeBlock()),
        ("video", VideoBlock()),
        ("columns", ColumnsBlock()),
        ("accordion", AccordionBlock()),
        ("table", TableBlock()),
        ("call_to_action", CallToActionBlock()),
        ("reusable", ReusableContentBlock()),
    ]


def body_block(plugin_labels=None):
    """The page body: core blocks plus plugin blocks (all of them, or only those of `plugin_labels`).

    Stored blocks of a type not among them are kept as they are (see preserved.py)."""
    from cunwu.plugins.registry import plugin_blocks

    children = core_blocks() + [
        (name, block) for name, block, label in plugin_blocks() if plugin_labels is None or label in plugin_labels
    ]
    return BodyStreamBlock(children, label=_("Body"))
