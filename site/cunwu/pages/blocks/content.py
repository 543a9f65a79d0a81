"""Blocks whose content the editor types in: text, images, links, layout."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .links import LinkBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class HeroBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=80)
    subtitle = blocks.CharBlock(label=_("subtitle"), max_length=160, required=False)
    image = ImageChooserBlock(label=_("background image"), required=False)
    link = LinkBlock(label=_("button"), required=False)

    class Meta:
        icon = "image"
        label = _("Hero banner")
        template = "cunwu/blocks/hero.html"
        description = _("A large banner with the town's name or a slogan, at the top of a page.")
        preview_value = {"title": "魅力西湖", "subtitle": "小微权力阳光运行，村务公开随时可查"}


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "doc-full"
        label = _("Text")
        template = "cunwu/blocks/rich_text.html"
        description = _("Paragraphs, headings, lists and links.")
        preview_value = "<h2>村务公开</h2><p>本村每月公开财务收支，接受群众监督。</p>"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cunwu/blocks/image.html"
        description = _("One picture with a caption.")


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    images = blocks.ListBlock(ImageBlock(), label=_("images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Image gallery")
        template = "cunwu/blocks/gallery.html"
        description = _("Several pictures in a grid, e.g. of a village meeting.")


class DocumentListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("document")), label=_("documents"), min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document list")
        template = "cunwu/blocks/document_list.html"
        description = _("Files to download: notices, regulations, forms.")


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name or office"), max_length=80)
    role = blocks.CharBlock(label=_("duty"), required=False, max_length=80)
    phone = blocks.CharBlock(label=_("phone"), required=False, max_length=40)
    address = blocks.CharBlock(label=_("address"), required=False, max_length=200)
    hours = blocks.CharBlock(label=_("office hours"), required=False, max_length=100)

    class Meta:
        icon = "user"
        label = _("Contact card")
        template = "cunwu/blocks/contact_card.html"
        description = _("Who to call and where to go, with a tap-to-call button.")
        preview_value = {"name": "西湖镇纪委", "role": "监督举报", "phone": "0937-5521234", "address": "西湖镇政府院内"}


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = RichTextBlock(label=_("answer"))


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "cunwu/blocks/accordion.html"
        description = _("Questions that open to show their answer; works without JavaScript.")
        preview_value = {"title": "常见问题", "items": [{"question": "怎样查询本村财务？", "answer": "<p>点击“财务公开”。</p>"}]}


class TableBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    table = WagtailTableBlock(label=_("table"))

    class Meta:
        icon = "table"
        label = _("Table")
        template = "cunwu/blocks/table.html"
        description = _("A simple table, scrollable on phones.")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=80)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=300)
    link = LinkBlock(label=_("button"), required=True)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "cunwu/blocks/call_to_action.html"
        description = _("A box that invites villagers to do something, with one big button.")
        preview_value = {"title": "有问题？马上反映", "text": "24小时内受理", "link": {"label": "我要反映", "url": "#"}}


class AnnouncementBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("importance"),
        choices=[("info", _("Information")), ("warning", _("Attention")), ("urgent", _("Urgent"))],
        default="info",
    )
    link = LinkBlock(label=_("link"), required=False)
    expires = blocks.DateBlock(label=_("show until"), required=False, help_text=_("Hidden after this day."))

    class Meta:
        icon = "warning"
        label = _("Announcement banner")
        template = "cunwu/blocks/announcement.html"
        description = _("A coloured strip for an urgent or important notice.")
        preview_value = {"text": "本周五上午9点召开村务监督日会议", "level": "warning"}


class ColumnContentBlock(blocks.StreamBlock):
    rich_text = RichTextBlock()
    image = ImageBlock()
    contact = ContactCardBlock()
    call_to_action = CallToActionBlock()
    documents = DocumentListBlock()


class ColumnsBlock(blocks.StructBlock):
    columns = blocks.ListBlock(ColumnContentBlock(label=_("column")), label=_("columns"), min_num=2, max_num=4)

    class Meta:
        icon = "grip"
        label = _("Columns")
        template = "cunwu/blocks/columns.html"
        description = _("Two to four columns side by side on wide screens, stacked on phones.")
