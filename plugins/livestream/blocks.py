"""Blocks: "now live / next broadcast" for the home page, and the schedule for the 直播 section."""

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cunwu.plugins import api

from .choosers import BroadcastChooserBlock
from .schedule import public_broadcasts, schedule_page, town_schedule


class PreviewMixin:
    """The block picker's preview shows the block with the broadcasts of the town the editor works on."""

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context)
        request = (parent_context or {}).get("request")
        town = api.admin_town(request) if request is not None else None
        if town is not None:
            context = {**context, "town": town}
            context["preview"] = True
            context["prefetched"] = import_string(self.meta.prefetch)([value], context).get(id(value))
        return context


class NowNextBlock(PreviewMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, default="")

    class Meta:
        label = _("Now live / next broadcast")
        icon = "media"
        template = "livestream/blocks/livestream_now_next.html"
        prefetch = "livestream.blocks.now_and_next"
        description = _("The broadcasts live right now and the next one coming up, each linking to its page.")
        help_text = _("Nothing to fill in: the block follows the town's broadcast schedule by itself.")
        preview_value = {"heading": _("Broadcasts")}


class ScheduleBlock(PreviewMixin, blocks.StructBlock):
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
        help_text = _("The list follows the town's schedule by itself; choose only how many broadcasts it shows.")
        preview_value = {"heading": _("Broadcast schedule"), "count": 3}


class BroadcastBlock(PreviewMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, default="",
                               help_text=_("Leave empty to use the broadcast's title."))
    broadcast = BroadcastChooserBlock(label=_("broadcast"), required=True,
                                      help_text=_("Pick the broadcast from the town's list of broadcasts."))

    class Meta:
        label = _("One broadcast")
        icon = "media"
        template = "livestream/blocks/livestream_broadcast.html"
        prefetch = "livestream.blocks.picked_broadcasts"
        description = _("One broadcast you pick: its time, whether it is live, coming up or has a replay, "
                        "and a link to watch it.")
        help_text = _("For example the village meeting of this month on the village's page. The block shows "
                      "nothing while the broadcast is unpublished or after it is deleted.")
        preview_value = {"heading": _("Village meeting")}


def picked_broadcasts(values, context):
    """One query for every picked broadcast of the page: the town's published ones, with their state now."""
    from django.utils import timezone

    town = context.get("town")
    if town is None:
        return {}
    picked = {id(value): getattr(value.get("broadcast"), "pk", None) for value in values}
    if context.get("preview") and not any(picked.values()):  # the block picker: the town's next broadcast
        found = town_schedule(town, upcoming=1, replays=1)
        sample = (found.live or found.upcoming or found.replays or [None])[0]
        picked = {key: getattr(sample, "pk", None) for key in picked}
    found = {b.pk: b for b in public_broadcasts(town).filter(pk__in=[pk for pk in picked.values() if pk])}
    now = timezone.now()
    return {key: {"item": found[pk], "state": found[pk].state_at(now)} if pk in found else None for key, pk in picked.items()}


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


livestream_blocks = [
    ("livestream_now_next", NowNextBlock()),
    ("livestream_schedule", ScheduleBlock()),
    ("livestream_broadcast", BroadcastBlock()),
]
