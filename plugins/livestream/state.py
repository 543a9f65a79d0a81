"""A broadcast's state, derived from the clock and what the editor recorded; never stored."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

UPCOMING, LIVE, ENDED, REPLAY = "upcoming", "live", "ended", "replay"
LABELS = {
    UPCOMING: _("Upcoming"),
    LIVE: _("Live now"),
    ENDED: _("Ended"),
    REPLAY: _("Replay available"),
}
# Viewers open the page early to check their sound; the player is there 10 minutes before the start.
LIVE_LEAD = timedelta(minutes=10)
# Meetings overrun. An editor who forgets to press "ended" must not leave it "live" for ever.
OVERRUN = timedelta(hours=2)


def opens_at(broadcast):
    return broadcast.starts_at - LIVE_LEAD


def ended_moment(broadcast):
    scheduled = (broadcast.ends_at or broadcast.starts_at) + OVERRUN
    return min(broadcast.ended_at, scheduled) if broadcast.ended_at else scheduled


def is_ended(broadcast, now):
    if broadcast.ended_at is not None and broadcast.ended_at <= now:
        return True
    return now >= (broadcast.ends_at or broadcast.starts_at) + OVERRUN


def state_of(broadcast, now):
    if is_ended(broadcast, now):
        return REPLAY if broadcast.has_replay else ENDED
    if now >= opens_at(broadcast):
        return LIVE
    return UPCOMING
