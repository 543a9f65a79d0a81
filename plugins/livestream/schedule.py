"""A town's (or one village's) broadcasts as a villager sees them: live now, coming up, recent replays.

One mechanism for the home-page blocks, the 直播 section's schedule block and the village hub: two queries
for the broadcasts (plus Wagtail's view-restriction lookup), whatever the number of broadcasts or blocks.
The SQL picks the candidates by the same rules as `state.state_of`, which then decides each one exactly.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from . import state

# Enough to fill any block; a town never has dozens of broadcasts live or scheduled at once.
MOST = 30
# Only what the list items show (title, link, kind, time, badge), so pages are not loaded whole.
LIST_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "starts_at", "ends_at", "ended_at", "kind",
               "replay_document", "replay_url")


@dataclass
class Schedule:
    now: object
    live: list = field(default_factory=list)
    upcoming: list = field(default_factory=list)
    replays: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.live or self.upcoming or self.replays)


def public_broadcasts(town, village=None):
    from .models import BroadcastPage

    broadcasts = BroadcastPage.objects.live().public().filter(path__startswith=town.root_page.path)
    if village is not None:
        broadcasts = broadcasts.filter(villages=village)
    return broadcasts


def _not_ended(now):
    """SQL for "not ended yet" (state.is_ended negated): no recorded end in the past and not overrun."""
    recorded = Q(ended_at__isnull=True) | Q(ended_at__gt=now)
    scheduled = Q(ends_at__gt=now - state.OVERRUN) | Q(ends_at__isnull=True, starts_at__gt=now - state.OVERRUN)
    return recorded & scheduled


def town_schedule(town, village=None, upcoming=MOST, replays=MOST, now=None):
    now = now or timezone.now()
    result = Schedule(now=now)
    if town is None:
        return result
    broadcasts = public_broadcasts(town, village).only(*LIST_FIELDS)
    for broadcast in broadcasts.filter(_not_ended(now)).order_by("starts_at")[:MOST]:
        current = broadcast.state_at(now)
        if current == state.LIVE:
            result.live.append(broadcast)
        elif current == state.UPCOMING and len(result.upcoming) < upcoming:
            result.upcoming.append(broadcast)
    if replays:
        with_replay = Q(replay_document__isnull=False) | ~Q(replay_url="")
        past = broadcasts.filter(with_replay, starts_at__lte=now).exclude(_not_ended(now)).order_by("-starts_at")
        result.replays = [broadcast for broadcast in past[:replays] if broadcast.state_at(now) == state.REPLAY]
    return result


def schedule_page(town):
    """The town's broadcast schedule page, if it has one."""
    from .models import BroadcastIndexPage

    if town is None:
        return None
    return BroadcastIndexPage.objects.live().public().filter(path__startswith=town.root_page.path).order_by("path").first()
