"""What the site does while Redis is unreachable: it keeps serving, and says so once a minute, not per request.

Redis holds only what can be rebuilt or lost (the town-of-host cache, rate-limit windows, visit counts not yet
flushed, the Celery queue whose rows the database sweeps resend), so every reader degrades instead of failing:
the cache falls back to this process's memory (`cunwu.cache_backend`), the town lookup goes to the database,
visits are buffered in the process and written to the database (`cunwu.visits.counter`).
"""

import logging
import threading
import time

log = logging.getLogger("cunwu.redis")

# After a failure Redis is not asked again for this long: a request makes several cache calls, and each would
# otherwise wait for a connection that is not there.
RETRY_AFTER = 2.0
LOG_EVERY = 60.0


class Outage:
    def __init__(self, what):
        self.what = what
        self._lock = threading.Lock()
        self._retry_at = 0.0
        self._logged_at = None
        self._missed = 0
        self._down = False

    def down(self):
        """Whether Redis failed a moment ago, so the caller should use its fallback without trying."""
        return self._down and time.monotonic() < self._retry_at

    def failed(self, exc):
        now = time.monotonic()
        with self._lock:
            self._down, self._retry_at = True, now + RETRY_AFTER
            self._missed += 1
            if self._logged_at is not None and now - self._logged_at < LOG_EVERY:
                return
            self._logged_at, missed, self._missed = now, self._missed, 0
        log.warning("Redis unreachable for the %s (%s: %s); %d calls served by the fallback since the last warning",
                    self.what, type(exc).__name__, exc, missed)

    def succeeded(self):
        if not self._down:
            return
        with self._lock:
            was_down, self._down, self._logged_at, self._missed = self._down, False, None, 0
        if was_down:
            log.warning("Redis is back for the %s", self.what)


def redis_errors():
    """The exceptions that mean "Redis is not there" (a connection refused, a timeout, a server going away)."""
    import redis

    return (redis.RedisError, OSError)
