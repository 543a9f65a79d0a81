"""The broadcast picker of the "one broadcast" block: the broadcasts of the edited page's town, newest first."""

from django.utils.translation import gettext_lazy as _

from cunwu.plugins import api


def _town_broadcasts(request, town):
    from .models import BroadcastPage

    return BroadcastPage.objects.filter(path__startswith=town.root_page.path).order_by("-starts_at")


def _broadcast_label(broadcast):
    # Title and day: the same meeting is held every month, the date tells which one.
    start = api.town_localtime(api.town_for_page(broadcast), broadcast.starts_at)
    return f"{broadcast.title}（{start:%Y-%m-%d %H:%M}）"


broadcasts = api.town_chooser_viewset(
    "livestream_broadcasts", "livestream.BroadcastPage", _town_broadcasts, label=_broadcast_label, icon="media",
    choose_one_text=_("Choose a broadcast"), choose_another_text=_("Choose another broadcast"), search_fields=("title",),
)

BroadcastChooserBlock = broadcasts.get_block_class("BroadcastChooserBlock", "livestream.choosers")
