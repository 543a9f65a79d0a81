"""The site degrades instead of dying: Redis stopped under a running gunicorn, the database's connections cut,
the database unreachable. Each test starts its own Redis server (never the shared one) and its own gunicorn."""

import requests
from django.db import connection

from cunwu.pages.models import SectionPage
from cunwu.visits.models import VisitCount
from tests.support.site_server import SiteServer, own_redis, site_server  # noqa: F401  (fixtures)

HOST = {"Host": "localhost"}


def probe(server, path):
    response = requests.get(server.url + path, timeout=30)
    return response.status_code, response.json()


def test_pages_keep_answering_and_health_says_redis_is_down(town, own_redis, site_server):
    section = SectionPage.objects.descendant_of(town.root_page).get(slug="cunwu-gongkai")
    # Visits buffered in the process go to the database at once, so the test reads them without waiting.
    server = site_server(extra_env={"CUNWU_VISITS_BUFFER_SECONDS": "0"})
    pages = ["/", section.url, "/search/?q=村务"]
    assert [requests.get(server.url + path, headers=HOST, timeout=30).status_code for path in pages] == [200] * 3
    assert probe(server, "/healthz") == (200, {"status": "ok", "database": "ok", "redis": "ok"})

    own_redis.stop()
    statuses = [requests.get(server.url + path, headers=HOST, timeout=30).status_code for path in pages * 4]
    assert statuses == [200] * len(statuses)
    assert probe(server, "/healthz") == (200, {"status": "degraded", "database": "ok", "redis": "fail"})
    assert probe(server, "/readyz") == (200, {"status": "degraded", "database": "ok", "redis": "fail"})
    # the visits of the outage were counted in the database (two of the three pages are Wagtail pages)
    assert VisitCount.objects.get(town=town, page=section).count == 4
    assert VisitCount.objects.get(town=town, page=None).count == 8
    # told once, not once per request
    log = server.log()
    assert log.count("Redis unreachable for the cache") == 1
    assert log.count("Redis unreachable for the visit counter") == 1

    own_redis.start()
    assert requests.get(server.url + "/", headers=HOST, timeout=30).status_code == 200
    assert probe(server, "/readyz") == (200, {"status": "ok", "database": "ok", "redis": "ok"})


def test_a_database_restart_fails_no_request(town, site_server):
    server = site_server(threads=1)  # one thread: one persistent connection, the one that is cut
    assert requests.get(server.url + "/", headers=HOST, timeout=30).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchone()[0] >= 1  # gunicorn's connection was there, and is gone
    statuses = [requests.get(server.url + "/", headers=HOST, timeout=30).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]


def test_readiness_fails_while_the_database_is_unreachable_and_liveness_says_why(transactional_db, own_redis):
    from tests.support.redis_server import free_port

    server = SiteServer("cunwu_unreachable", own_redis.url, extra_env={
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/cunwu_unreachable",
    }).start()
    try:
        assert probe(server, "/readyz") == (503, {"status": "fail", "database": "fail", "redis": "ok"})
        assert probe(server, "/healthz") == (200, {"status": "fail", "database": "fail", "redis": "ok"})
    finally:
        server.stop()
