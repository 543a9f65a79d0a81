"""Which town serves a host name, kept in the shared cache so a page view does not look it up every time.

Any change to a site, a town or a plugin switch bumps one generation number, which retires every cached
entry at once on every web worker (the cache is Redis in production, so workers stay stateless).
While Redis is unreachable the town is read from the database on every request: a process's own memory
would not hear of another process's change (see cunwu.redis_outage).
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

GENERATION_KEY = "cunwu:towns:generation"
TTL = 300
MISSING = "none"


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = 1
        cache.add(GENERATION_KEY, generation, None)
    return generation


def _shared():
    shared = getattr(cache, "shared", None)
    return shared() if shared else True


_owed_bump = False


def cached_town_for_host(request, lookup):
    if not _shared():
        return lookup()
    if _owed_bump:
        _bump()
    host = request.get_host().split(":")[0].lower()
    key = f"cunwu:town-for:{_generation()}:{host}:{request.get_port()}"
    cached = cache.get(key)
    if not _shared():  # Redis failed just now: what came back is this process's memory, not to be trusted
        return lookup()
    if cached == MISSING:
        return None
    if cached is not None:
        return cached
    town = lookup()
    cache.set(key, town if town is not None else MISSING, TTL)
    return town


def _bump():
    global _owed_bump
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)
    # A change made while Redis was away retires the shared entries once it is back (this process pays it on
    # its next lookup; until then other processes may serve the old town for at most TTL).
    _owed_bump = not _shared()


def forget_towns(**_kwargs):
    # Once now, and once more when the change commits: a request that read the old rows in between
    # must not leave them cached under the new generation.
    _bump()
    transaction.on_commit(_bump)


def connect():
    from wagtail.models import Site

    from cunwu.plugins.models import PluginActivation

    from .models import Town

    for model in (Site, Town, PluginActivation):
        post_save.connect(forget_towns, sender=model, dispatch_uid=f"forget-towns-save-{model.__name__}")
        post_delete.connect(forget_towns, sender=model, dispatch_uid=f"forget-towns-delete-{model.__name__}")



