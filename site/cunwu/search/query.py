"""Finding a town's entries for a query, ranked, on SQLite and PostgreSQL alike.

Every term must occur (AND); when no entry holds them all, entries holding any are ranked by how many they hold
(OR). Order: more terms matched, the whole query found as typed (in the title, then in the text), more terms in
the title, newer. Matching is substring on the normalised text (LIKE, no database-specific search), over one
town's entries (indexed on town); at most CANDIDATES ids come back, so one query stays cheap.
"""

import operator
from functools import reduce

from django.db.models import Case, F, IntegerField, Q, Value, When

from cunwu.plugins.registry import enabled_plugins

from .models import SearchEntry
from .text import normalize

CANDIDATES = 200


def _count(conditions):
    hits = [Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField()) for condition in conditions]
    return reduce(operator.add, hits)


def town_entries(town):
    """What the town's visitors may find: its pages and the records of the plugins it has on."""
    from cunwu.navigation.sections import hidden_paths

    owners = [""] + [config.label for config in enabled_plugins(town)]
    entries = SearchEntry.objects.filter(town=town, owner__in=owners)
    for path in hidden_paths(town):  # sections of a plugin the town switched off answer 404: never a result
        entries = entries.exclude(page__path__startswith=path)
    return entries


def ranked_ids(town, query, terms, limit=CANDIDATES):
    """The ids of the best `limit` entries of the town for the terms, best first."""
    if not terms:
        return []
    in_text = [Q(norm_all__contains=term) for term in terms]
    in_title = [Q(norm_title__contains=term) for term in terms]
    phrase = normalize(query).replace(" ", "")
    ranked = town_entries(town).annotate(
        matched=_count(in_text),
        title_hits=_count(in_title),
        phrase=Case(
            When(norm_title__contains=phrase, then=Value(2)),
            When(norm_all__contains=phrase, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    ).order_by("-matched", "-phrase", "-title_hits", F("date").desc(nulls_last=True), "-pk")
    ids = list(ranked.filter(reduce(operator.and_, in_text)).values_list("pk", flat=True)[:limit])
    if not ids and len(terms) > 1:
        ids = list(ranked.filter(reduce(operator.or_, in_text)).values_list("pk", flat=True)[:limit])
    return ids
