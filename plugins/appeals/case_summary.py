"""The "appeals_case_summary" service: what another plugin may show of a case it names by tracking number.

    summary = api.get_service("appeals_case_summary", town)   # None when the town does not run appeals
    summary(town, "20270301001")  # {"number", "title", "state", "url"} or None: no such case in this town

The title is the case's category and village, never the villager's own words or name (as on the public wall);
`url` is the case's wall entry when it is published there, else "" (the status page's address is the villager's).
"""

from django.urls import reverse

from .models import Case
from .wall import WALL_STATES


def summarise(town, number):
    case = (Case.objects.filter(town=town, number=(number or "").strip()).select_related("category", "village")
            .first())
    if case is None:
        return None
    on_wall = case.published and case.state in WALL_STATES
    return {"number": case.number, "title": f"{case.category.name} · {case.village.name}",
            "state": str(case.get_state_display()),
            "url": reverse("appeals:wall-entry", args=[case.pk]) if on_wall else ""}
