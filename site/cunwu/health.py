"""/healthz (liveness) and /readyz (readiness): which dependency is down, in JSON, with a status a balancer reads.

Both answer before any other middleware: a balancer probes by IP (no allowed host), over plain http (no https
redirect), and must get an answer while the database is down (the town lookup would fail first).

- /healthz is 200 while the process answers: restarting it would bring back neither dependency.
- /readyz is 503 while the database is down (nothing can be served); with Redis down it stays 200 and says
  "degraded": pages, the appeal form and the lookup are still served (see cunwu.redis_outage).
"""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse

OK, FAIL, OFF, DEGRADED = "ok", "fail", "off", "degraded"

_redis_pools = {}


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        connection.close()  # the next probe or request opens a fresh connection
        return FAIL
    return OK


def redis_state():
    if not settings.REDIS_URL:
        return OFF
    import redis

    pool = _redis_pools.get(settings.REDIS_URL)
    if pool is None:
        pool = _redis_pools[settings.REDIS_URL] = redis.ConnectionPool.from_url(
            settings.REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5,
        )
    try:
        redis.Redis(connection_pool=pool).ping()
    except (redis.RedisError, OSError):
        return FAIL
    return OK


def report():
    checks = {"database": database_state(), "redis": redis_state()}
    if checks["database"] == FAIL:
        status = FAIL
    elif checks["redis"] == FAIL:
        status = DEGRADED
    else:
        status = OK
    return {"status": status, **checks}


def _answer(body, status):
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def liveness(request):
    return _answer(report(), 200)


def readiness(request):
    body = report()
    return _answer(body, 503 if body["status"] == FAIL else 200)


PROBES = {"/healthz": liveness, "/readyz": readiness}


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe(request)
        return self.get_response(request)
