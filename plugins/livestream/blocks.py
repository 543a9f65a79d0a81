"""Blocks: "now live / next broadcast" for the home page, and the schedule for the 直播 section."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .schedule import schedule_page, town_schedule


class NowNextBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, default="")

    class Meta:
        label = _("Now live / next broadcast")
        icon = "media"
        template = "livestream/blocks/livestream_now_next.html"
        prefetch = "livestream.blocks.now_and_next"
        description = _("The broadcasts live right now and the next one coming up, each linking to its page.")
        preview_value = {"heading": _("Broadcasts")}


class ScheduleBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, default="")
    count = blocks.IntegerBlock(
        label=_("How many"), default=3, min_value=1, max_value=10,
        help_text=_("How many upcoming broadcasts and how many recent replays to list."),
    )

    class Meta:
        label = _("Broadcast schedule")
        icon = "date"
        template = "livestream/blocks/livestream_schedule.html"
        prefetch = "livestream.blocks.schedules"
        description = _("What is live now, what is coming up and the latest replays, each linking to its broadcast, "
                        "with a link to the whole schedule.")
        preview_value = {"heading": _("Broadcast schedule"), "count": 3}


def now_and_next(values, context):
    """Every such block on the page shares one schedule: the town's live broadcasts and the next one."""
    if not values or context.get("town") is None:
        return {}
    found = town_schedule(context["town"], upcoming=1, replays=0)
    data = {"live": found.live, "next": found.upcoming[0] if found.upcoming else None, "now": found.now}
    return {id(value): data for value in values}


def schedules(values, context):
    """One schedule for all schedule blocks of the page, cut to each block's count."""
    town = context.get("town")
    if not values or town is None:
        return {}
    most = max(int(value.get("count") or 3) for value in values)
    found, index = town_schedule(town, upcoming=most, replays=most), schedule_page(town)
    data = {}
    for value in values:
        count = int(value.get("count") or 3)
        data[id(value)] = {"live": found.live, "upcoming": found.upcoming[:count], "replays": found.replays[:count],
                           "schedule_page": index}
    return data


livestream_blocks = [("livestream_now_next", NowNextBlock()), ("livestream_schedule", ScheduleBlock())]
