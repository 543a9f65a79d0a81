"""Blocks that show data the editor does not type: latest notices, counters, QR codes, embedded video."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .links import LinkBlock
from .samples import SamplePreview

# (name of the icon file, the character it shows, what it is for): the select shows the character, so the editor
# sees the icon they choose.
ICON_SET = [
    ("apply", "办", _("Apply / I want to do")),
    ("finance", "财", _("Finance")),
    ("list", "权", _("Power list")),
    ("report", "诉", _("Report / complain")),
    ("question", "问", _("Ask")),
    ("live", "播", _("Livestream")),
    ("village", "村", _("Village")),
    ("notice", "告", _("Notice")),
    ("phone", "话", _("Phone")),
    ("policy", "策", _("Policy")),
    ("people", "人", _("People")),
    ("search", "查", _("Search")),
]
ICONS = [("", _("Automatic: from the link's text")), *((name, format_lazy("{} · {}", char, label)) for name, char, label in ICON_SET)]

# Words of a link's text (or its page's title) and the icon they suggest, first match wins.
ICON_WORDS = [
    ("live", ("直播", "回放", "视频")),
    ("finance", ("财务", "收支", "资金", "账", "补贴", "资产")),
    ("list", ("权力", "清单", "流程")),
    ("report", ("投诉", "举报", "反映", "诉求", "监督")),
    ("question", ("咨询", "问", "建议")),
    ("search", ("查询", "查", "进度", "搜索")),
    ("phone", ("联系", "电话", "热线")),
    ("policy", ("政策", "制度", "法规", "规定")),
    ("people", ("干部", "人员", "党员", "村民", "代表")),
    ("village", ("村",)),
    ("apply", ("办", "申请", "服务")),
]


def icon_for(text):
    for icon, words in ICON_WORDS:
        if any(word in (text or "") for word in words):
            return icon
    return "notice"


class NoticeListBlock(blocks.StructBlock):
    """The latest child pages of a section. Its pages are fetched for all notice lists of a page at once."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    parent = blocks.PageChooserBlock(
        label=_("section"), required=False, help_text=_("Leave empty for the pages under this page.")
    )
    count = blocks.IntegerBlock(label=_("how many"), min_value=1, max_value=30, default=5)
    show_dates = blocks.BooleanBlock(label=_("show dates"), required=False, default=True)

    class Meta:
        icon = "list-ul"
        label = _("Notice list")
        template = "cunwu/blocks/notice_list.html"
        description = _("The newest pages of a section, newest first, e.g. the latest notices. It updates by itself "
                        "when a page is published there.")
        preview_value = {"title": "最新公告", "count": 5, "show_dates": True}
        prefetch = "cunwu.pages.blocks.notices.latest_children"


class QuickLinkValue(blocks.StructValue):
    @cached_property
    def icon_name(self):
        """The chosen icon, else one that suits the link's text (a link to 财务公开 gets 财, not 告)."""
        return self.get("icon") or icon_for(getattr(self.get("link"), "text", ""))


class QuickLinkBlock(blocks.StructBlock):
    icon = blocks.ChoiceBlock(
        label=_("icon"), choices=ICONS, default="", required=False,
        help_text=_("Leave on automatic to pick an icon that suits the link's text."),
    )
    link = LinkBlock(label=_("link"), required=True)

    class Meta:
        value_class = QuickLinkValue


class QuickLinkGridBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    links = blocks.ListBlock(QuickLinkBlock(), label=_("links"), min_num=1, max_num=12)
    columns = blocks.ChoiceBlock(label=_("per row"), choices=[("3", "3"), ("4", "4")], default="3")

    class Meta:
        icon = "grip"
        label = _("Quick links")
        template = "cunwu/blocks/quick_links.html"
        description = _("Big icon buttons like a WeChat menu (I want to do, finance, power list…), each to a page "
                        "of the site or an address.")
        preview_value = {
            "links": [
                {"icon": "apply", "link": {"label": "我要办", "url": "#"}},
                {"icon": "finance", "link": {"label": "财务公开", "url": "#"}},
                {"icon": "list", "link": {"label": "权力清单", "url": "#"}},
            ],
            "columns": "3",
        }


class FigureBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"), max_length=40)
    value = blocks.CharBlock(label=_("figure"), max_length=20)


class StatisticsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    show_visits = blocks.BooleanBlock(label=_("show visits"), required=False, default=True)
    show_plugin_figures = blocks.BooleanBlock(
        label=_("show figures of enabled plugins"), required=False, default=True
    )
    extra = blocks.ListBlock(FigureBlock(), label=_("more figures"), required=False, default=[])

    class Meta:
        icon = "table"
        label = _("Statistics counters")
        template = "cunwu/blocks/statistics.html"
        description = _("Figures that count themselves (visits, disclosed matters, handled appeals) and any figures "
                        "you type in.")
        preview_value = {
            "title": "数据统计", "show_visits": False, "show_plugin_figures": False,
            "extra": [{"label": "本月访问", "value": "1,286"}, {"label": "公开事项", "value": "42"},
                      {"label": "已办结诉求", "value": "18"}],
        }
        prefetch = "cunwu.pages.prefetch.town_statistics"


class QRCodeBlock(SamplePreview, blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"), required=False, help_text=_("Leave empty for this page."))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=80)

    class Meta:
        icon = "view"
        label = _("QR code")
        template = "cunwu/blocks/qr_code.html"
        description = _("A QR code that opens a page on a phone, e.g. to print for a village's notice board.")
        preview_value = {"caption": "扫码查看本村公开信息"}


def allowed_video_host(url, hosts):
    host = (urlsplit(url).hostname or "").lower()
    return any(host == allowed or host.endswith("." + allowed) for allowed in hosts)


class VideoBlock(SamplePreview, blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("video address"),
        help_text=_("A player address from an allowed video site, or a direct .mp4 / .m3u8 address on one."),
    )
    title = blocks.CharBlock(label=_("title"), max_length=100)
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "cunwu/blocks/video.html"
        description = _("A video from a video site the town allows (paste its player address); other sites are "
                        "refused.")
        preview_value = {"url": "https://player.bilibili.com/player.html?bvid=BV1", "title": "村民大会录像",
                         "caption": "2026年村民大会"}

    def clean(self, value):
        value = super().clean(value)
        if not allowed_video_host(value["url"], settings.CUNWU_EMBED_HOSTS):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("This site is not on the allowed list: %(hosts)s")
                        % {"hosts": "、".join(settings.CUNWU_EMBED_HOSTS)}
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        town = (parent_context or {}).get("town")
        hosts = town.allowed_embed_hosts() if town else settings.CUNWU_EMBED_HOSTS
        url = value["url"]
        path = urlsplit(url).path.lower()
        context["allowed"] = allowed_video_host(url, hosts)
        context["is_file"] = path.endswith((".mp4", ".webm", ".m3u8"))
        return context
