"""Django's Redis cache, falling back to this process's memory while Redis is unreachable.

(django-redis has IGNORE_EXCEPTIONS; Django's own backend, which the project uses, has nothing alike.) Raising
answers 500; ignoring errors makes django-ratelimit refuse every request (or, with RATELIMIT_FAIL_OPEN, allow
every one). A per-process memory cache keeps rate limits counting, per process, until Redis returns.
Callers that must not see one process's view of shared state ask `shared()` first (the town-of-host cache).
"""

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from .redis_outage import Outage, redis_errors

FALLBACK_METHODS = ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many", "delete_many", "clear")

_outages = {}


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        # Django makes one backend object per thread: the outage and the memory are the process's, per location.
        location = ",".join(self._servers)
        self.outage = _outages.setdefault(location, Outage("cache"))
        self._local = LocMemCache(f"cunwu-fallback-{location}", {
            "TIMEOUT": params.get("TIMEOUT", 300), "KEY_PREFIX": params.get("KEY_PREFIX", ""),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        })

    def shared(self):
        """Whether values written now reach every process (False while serving from this process's memory)."""
        return not self.outage.down()


def _with_fallback(name):
    redis_method = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if not self.outage.down():
            try:
                result = redis_method(self, *args, **kwargs)
            except redis_errors() as exc:
                self.outage.failed(exc)
            else:
                self.outage.succeeded()
                return result
        return getattr(self._local, name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = redis_method.__doc__
    return method


for _name in FALLBACK_METHODS:
    setattr(FallbackRedisCache, _name, _with_fallback(_name))
