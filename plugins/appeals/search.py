"""Search documents: the town's case-wall entries, as the wall shows them (never the villager)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cunwu.plugins.api import SearchDoc

from .wall import entries, wall_cases


def documents(town):
    for item in entries(wall_cases(town)):
        case = item["case"]
        yield SearchDoc(
            key=f"case:{case.pk}",
            title=f"{case.village.name} · {case.category.name}",
            text=f"{case.get_kind_display()} {case.category.name} {case.village.name} {item['response']}",
            url=reverse("appeals:wall-entry", args=[case.pk]),
            kind=_("Case wall"),
            date=case.resolved_at,
        )
