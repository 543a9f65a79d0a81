"""The home-page block "now live / next broadcast"."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from . import state


class NowNextBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, default="")

    class Meta:
        label = _("Now live / next broadcast")
        icon = "media"
        template = "livestream/blocks/livestream_now_next.html"
        prefetch = "livestream.blocks.now_and_next"


def now_and_next(values, context):
    """One query for every such block on the page: the town's live broadcasts and the next one."""
    from .models import BroadcastPage

    town = context.get("town")
    if town is None or not values:
        return {}
    now = timezone.now()
    candidates = (
        BroadcastPage.objects.live()
        .public()
        .filter(path__startswith=town.root_page.path, starts_at__gte=now - state.OVERRUN - timedelta(days=1))
        .only("id", "title", "url_path", "path", "depth", "starts_at", "ends_at", "ended_at", "kind", "replay_document", "replay_url")
        .order_by("starts_at")[:30]
    )
    live, upcoming = [], []
    for broadcast in candidates:
        current = broadcast.state_at(now)
        if current == state.LIVE:
            live.append(broadcast)
        elif current == state.UPCOMING:
            upcoming.append(broadcast)
    data = {"live": live, "next": upcoming[0] if upcoming else None, "now": now}
    return {id(value): data for value in values}


livestream_blocks = [("livestream_now_next", NowNextBlock())]
