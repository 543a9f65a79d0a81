"""Blocks that show data the editor does not type: latest notices, counters, QR codes, embedded video."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .links import LinkBlock

ICONS = [
    ("apply", _("Apply / I want to do")),
    ("finance", _("Finance")),
    ("list", _("Power list")),
    ("report", _("Report / complain")),
    ("question", _("Ask")),
    ("live", _("Livestream")),
    ("village", _("Village")),
    ("notice", _("Notice")),
    ("phone", _("Phone")),
    ("policy", _("Policy")),
    ("people", _("People")),
    ("search", _("Search")),
]


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
        description = _("The newest pages of a section, e.g. the latest notices, newest first.")
        preview_value = {"title": "最新公告", "count": 5, "show_dates": True}
        prefetch = "cunwu.pages.blocks.notices.latest_children"


class QuickLinkBlock(blocks.StructBlock):
    icon = blocks.ChoiceBlock(label=_("icon"), choices=ICONS, default="notice")
    link = LinkBlock(label=_("link"), required=True)


class QuickLinkGridBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=80)
    links = blocks.ListBlock(QuickLinkBlock(), label=_("links"), min_num=1, max_num=12)
    columns = blocks.ChoiceBlock(label=_("per row"), choices=[("3", "3"), ("4", "4")], default="3")

    class Meta:
        icon = "grip"
        label = _("Quick links")
        template = "cunwu/blocks/quick_links.html"
        description = _("Big icon buttons like a WeChat menu: I want to do, finance, power list…")
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
        description = _("Counters such as visits, disclosed matters and handled appeals.")
        prefetch = "cunwu.pages.prefetch.town_statistics"


class QRCodeBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"), required=False, help_text=_("Leave empty for this page."))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=80)

    class Meta:
        icon = "view"
        label = _("QR code")
        template = "cunwu/blocks/qr_code.html"
        description = _("A QR code that opens a page on a phone, e.g. a village page for its notice board.")


def allowed_video_host(url, hosts):
    host = (urlsplit(url).hostname or "").lower()
    return any(host == allowed or host.endswith("." + allowed) for allowed in hosts)


class VideoBlock(blocks.StructBlock):
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
        description = _("A video from an allowed site; other sites are refused.")

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
