"""The public case wall: resolved cases a town chose to show, with the category, village, dates and the response.

One place decides what a wall entry shows (the wall, its block, the village hub and search all use it): never
the villager, their name masked where staff wrote it in the response, numbers (phones, IDs, cards) masked.
"""

from cunwu.plugins.api import mask_name, mask_text

from .models import Case, State

WALL_STATES = (State.RESOLVED, State.RATED, State.CLOSED)


def wall_cases(town, village=None):
    cases = Case.objects.filter(town=town, published=True, state__in=WALL_STATES)
    if village is not None:
        cases = cases.filter(village=village)
    return cases.select_related("category", "village").order_by("-resolved_at", "-pk")


def public_response(case):
    response = mask_text(case.response or "")
    if case.name:  # staff often address the villager by name; that name never goes on the wall
        response = response.replace(case.name, mask_name(case.name))
    return response


def entries(cases):
    """Only what the publish button promises: category, village, dates and the response (never the villager's text)."""
    return [{"case": case, "response": public_response(case)} for case in cases]
