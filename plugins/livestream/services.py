"""What other plugins may know of the town's broadcasts, without importing this plugin (services in apps.py).

    api.get_service("livestream_broadcasts", town)(town)          # [{"id", "title", "state", "state_label", "url"}]
    api.get_service("livestream_broadcast_summary", town)(town, page_id)   # one of those, or None

Only live, public broadcast pages of the town are offered; a page of another town or a draft is None.
"""

from . import state
from .schedule import public_broadcasts

CHOICES = 100  # a picker of the newest broadcasts; older meetings name theirs already


def _summary(broadcast):
    current = broadcast.state_at()
    return {"id": broadcast.pk, "title": broadcast.title, "state": current, "state_label": str(state.LABELS[current]),
            "url": broadcast.url}


def broadcasts(town):
    return [_summary(broadcast) for broadcast in public_broadcasts(town).order_by("-starts_at")[:CHOICES]]


def broadcast_summary(town, page_id):
    broadcast = public_broadcasts(town).filter(pk=page_id).first() if page_id else None
    return _summary(broadcast) if broadcast is not None else None


def meetings_of(town, broadcast):
    """The disclosure plugin's published meetings that name this broadcast ([] when that plugin is off)."""
    from cunwu.plugins import api

    service = api.get_service("disclosure_meetings_for_broadcast", town)
    return service(town, broadcast.pk) if service is not None else []
