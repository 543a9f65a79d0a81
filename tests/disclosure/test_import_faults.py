"""A big ledger import uploaded while Redis (the broker) is down: the editor is taken to the job's page, not a 500,
and the import sweep runs the job once Redis is back. gunicorn and an own Redis server."""

import datetime
import re

import requests
from django.utils import timezone

from disclosure.models import ImportJob, LineItem
from tests.disclosure.test_import import HEADER, xlsx
from tests.support.site_server import own_redis, site_server  # noqa: F401  (fixtures)

HOST = {"Host": "localhost"}


def csrf_token(session, url):
    page = session.get(url, headers=HOST, timeout=30)
    assert page.status_code == 200, page.status_code
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def test_a_big_import_saved_while_redis_is_down_is_run_by_the_sweep(editor, beigou, make_ledger, own_redis, site_server):
    from disclosure.tasks import import_sweep

    ledger = make_ledger(beigou, lines=[])
    rows = [HEADER] + [["2026-03-%02d" % (1 + n % 28), "支出", "公益支出", "1.50", "", f"第{n}笔", ""] for n in range(8000)]
    upload = xlsx(rows)
    server = site_server()
    with requests.Session() as session:
        login = {"csrfmiddlewaretoken": csrf_token(session, server.url + "/admin/login/"),
                 "username": editor.username, "password": "pw-for-tests"}
        assert session.post(server.url + "/admin/login/", data=login, headers=HOST, timeout=30).status_code == 200
        page_url = server.url + f"/admin/disclosure/ledger/{ledger.pk}/import/"
        token = csrf_token(session, page_url)
        own_redis.stop()
        response = session.post(
            page_url, data={"csrfmiddlewaretoken": token},
            files={"file": ("march.xlsx", upload.read(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")},
            headers={**HOST, "Referer": page_url}, timeout=60,
        )
    assert response.status_code == 200, response.status_code  # the job's page, after the redirect
    assert "/import/" in response.url and 'data-state="pending"' in response.text and "march.xlsx" in response.text
    job = ImportJob.objects.get(ledger=ledger)
    assert job.state == ImportJob.State.PENDING

    own_redis.start()
    assert import_sweep() == 0  # too fresh: the queued task would normally take it
    assert import_sweep(now=timezone.now() + datetime.timedelta(minutes=3)) == 1
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE, (job.state, job.message)
    assert LineItem.objects.filter(ledger=ledger).count() == 8000
    assert import_sweep(now=timezone.now() + datetime.timedelta(minutes=3)) == 0  # never twice
