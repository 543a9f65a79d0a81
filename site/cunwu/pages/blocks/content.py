"""Blocks whose content the editor types in: text, images, links, layout."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy as _
from wagtail import blocks
from wagtail.admin.staticfiles import versioned_static
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock, TableInput
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .links import LinkBlock
from .samples import SamplePreview

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
        description = _("A large banner at the top of a page: the town's name or a slogan, a background picture and "
                        "a button.")
        preview_value = {"title": "魅力西湖", "subtitle": "小微权力阳光运行，村务公开随时可查"}


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "doc-full"
        label = _("Text")
        template = "cunwu/blocks/rich_text.html"
        description = _("Ordinary text: paragraphs, headings, lists, links and links to files.")
        preview_value = "<h2>村务公开</h2><p>本村每月公开财务收支，接受群众监督。</p>"


class ImageBlock(SamplePreview, blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cunwu/blocks/image.html"
        description = _("One picture from the media library, with a line of text under it. Pictures are resized for "
                        "phones by themselves.")
        preview_value = {"image": None, "caption": "北沟村新修的村道"}


class GalleryBlock(SamplePreview, blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    images = blocks.ListBlock(ImageBlock(), label=_("images"), min_num=1)

    class Meta:
        icon = "image"
        label = _("Image gallery")
        template = "cunwu/blocks/gallery.html"
        description = _("Several pictures in a grid, e.g. of a village meeting or a finished project; each can have "
                        "a line of text.")
        preview_value = {
            "title": "村民代表会议",
            "images": [{"image": None, "caption": "会议现场"}, {"image": None, "caption": "举手表决"},
                       {"image": None, "caption": "公示结果"}],
        }


class DocumentListBlock(SamplePreview, blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("document")), label=_("documents"), min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document list")
        template = "cunwu/blocks/document_list.html"
        description = _("Files villagers can download: notices, regulations, application forms. Upload them to the "
                        "document library first, then choose them here.")
        preview_value = {"title": "文件下载", "documents": []}


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
        description = _("Who to call and where to go: office, duty, phone, address and hours; on a phone the number "
                        "is called with one tap.")
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
        description = _("Common questions; a villager taps a question to open its answer. Good for how-to guides.")
        preview_value = {"title": "常见问题", "items": [{"question": "怎样查询本村财务？", "answer": "<p>点击“财务公开”。</p>"}]}


def _table_menu():
    """The spreadsheet's right-click menu with Chinese names: Handsontable 6 as Wagtail ships it knows only English,
    and an item's `name` is what it shows."""
    items = [
        ("row_above", _("Insert a row above")), ("row_below", _("Insert a row below")), None,
        ("col_left", _("Insert a column on the left")), ("col_right", _("Insert a column on the right")), None,
        ("remove_row", _("Delete this row")), ("remove_col", _("Delete this column")), None,
        ("undo", _("Undo")), ("redo", _("Redo")),
    ]
    menu, separators = {}, 0
    for item in items:
        if item is None:
            separators += 1
            menu[f"separator{separators}"] = "---------"
        else:
            menu[item[0]] = {"name": str(item[1])}
    return {"items": menu}


class ChineseTableInput(TableInput):
    """Wagtail's spreadsheet widget, its menu named in the editor's language when the form is built."""

    @property
    def table_options(self):
        # zh-CN is registered by table_zh.js (Handsontable's own messages); other languages keep its English
        language = "zh-CN" if (get_language() or "").startswith("zh") else "en-US"
        return {**self._table_options, "language": language, "contextMenu": _table_menu()}

    @table_options.setter
    def table_options(self, value):
        self._table_options = value or {}

    @property
    def media(self):
        return super().media + forms.Media(js=[versioned_static("cunwu/js/table_zh.js")])


class CellsBlock(WagtailTableBlock):
    """The cells of a table block; rendered by our template (header row / column as chosen, a caption)."""

    @cached_property
    def field(self):
        return forms.CharField(widget=ChineseTableInput(table_options=self.table_options), **self.field_options)

    class Meta:
        template = "cunwu/blocks/table_cells.html"


class TableBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    table = CellsBlock(
        label=_("table"),
        help_text=_("Type into the cells as in a spreadsheet; right-click a cell to add or delete rows and columns. "
                    "Choose below whether the first row or column holds the headings."),
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "cunwu/blocks/table.html"
        description = _("A simple table, e.g. subsidies by household or a duty roster; scrolls sideways on a phone.")
        preview_value = {
            "title": "2026年种粮补贴发放表",
            "table": {
                "data": [["品种", "面积（亩）", "补贴（元）"], ["小麦", "120", "9600"], ["玉米", "80", "6400"]],
                "table_header_choice": "row", "first_row_is_table_header": True, "first_col_is_header": False,
            },
        }


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=80)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=300)
    link = LinkBlock(label=_("button"), required=True)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "cunwu/blocks/call_to_action.html"
        description = _("A box that asks villagers to do one thing (report a problem, look up progress) with one big "
                        "button to the page where they do it.")
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
        description = _("A coloured strip for an urgent or important notice; it can hide itself after a chosen day.")
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
        description = _("Two to four columns side by side on a computer, one under another on a phone; each column "
                        "holds text, a picture, a contact card, a button or files.")
        preview_value = {
            "columns": [
                [{"type": "rich_text", "value": "<h3>办事时间</h3><p>周一至周五 8:30–17:30</p>"}],
                [{"type": "rich_text", "value": "<h3>办事地点</h3><p>镇便民服务中心一楼</p>"}],
            ]
        }
