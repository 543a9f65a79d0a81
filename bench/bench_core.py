"""Core: the demo town's home page under gunicorn (2 workers) next to a bare Django view, and SQL queries per page type."""

import http.client
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("BENCH_PORT", "8765"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "6"))
CLIENTS = 4


def hammer(path, seconds=SECONDS, clients=CLIENTS):
    """Requests per second over keep-alive connections from `clients` threads."""
    done, errors, stop = [0] * clients, [0] * clients, time.monotonic() + seconds

    def client(index):
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        while time.monotonic() < stop:
            connection.request("GET", path, headers={"Host": "localhost"})
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                done[index] += 1
            else:
                errors[index] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started), sum(errors)


def start_gunicorn():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cunwu.settings.test", "PYTHONPATH": f"{ROOT / 'site'}:{ROOT / 'plugins'}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cunwu.wsgi:application", "-w", "2", "-b", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            connection.request("GET", "/ping", headers={"Host": "localhost"})
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def page_type_urls():
    from cunwu.pages.models import ArticlePage, HomePage, SectionPage, VillageIndexPage, VillagePage
    from cunwu.towns.models import Town

    town = Town.objects.get(slug="xihu")
    root = town.root_page
    return {
        "home": HomePage.objects.get(pk=root.pk).url,
        "section": SectionPage.objects.descendant_of(root).get(slug="cunwu-gongkai").url,
        "article": ArticlePage.objects.descendant_of(root).first().url,
        "village list": VillageIndexPage.objects.descendant_of(root).first().url,
        "village": VillagePage.objects.descendant_of(root).first().url,
        "search": "/search/?q=%E5%85%AC%E5%BC%80",
    }


def count_queries(urls):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client, counts = Client(), {}
    for name, url in urls.items():
        client.get(url, HTTP_HOST="localhost")
        with CaptureQueriesContext(connection) as captured:
            status = client.get(url, HTTP_HOST="localhost").status_code
        counts[name] = (len(captured), status)
    return counts


def grow_the_town():
    """Ten times the notices, more villages and a home page three times as long."""
    from cunwu.pages.models import ArticlePage, HomePage, SectionPage
    from cunwu.towns.models import Town
    from cunwu.towns.services import add_village

    town = Town.objects.get(slug="xihu")
    section = SectionPage.objects.descendant_of(town.root_page).get(slug="cunwu-gongkai")
    for index in range(60):
        page = ArticlePage(title=f"压测公告{index}")
        section.add_child(instance=page)
        page.save_revision().publish()
    for index in range(20):
        add_village(town, f"压测{index}村", code=f"bench{index}")
    home = HomePage.objects.get(pk=town.root_page.pk)
    body = json.loads(json.dumps(list(home.body.raw_data)))
    home.body = json.dumps(body * 3, ensure_ascii=False)
    home.save_revision().publish()


def run(report):
    from django.core.management import call_command

    call_command("load_demo", stdout=open(os.devnull, "w"))
    server = start_gunicorn()
    try:
        hammer("/", seconds=1)
        home_rps, home_errors = hammer("/")
        bare_rps, bare_errors = hammer("/ping")
    finally:
        server.terminate()
        server.wait(timeout=30)
    report("home page, gunicorn 2 workers", home_rps, "req/s", f"{CLIENTS} keep-alive clients, {home_errors} errors")
    report("bare Django view (/ping), same server", bare_rps, "req/s", f"{bare_errors} errors")
    report("home page / bare view", home_rps / bare_rps if bare_rps else 0.0, "ratio")

    urls = page_type_urls()
    before = count_queries(urls)
    grow_the_town()
    after = count_queries(urls)
    for name in urls:
        (small, status), (large, _status) = before[name], after[name]
        note = "constant" if small == large else "GROWS with pages/villages/blocks"
        report(f"SQL queries: {name} page (demo → 60 more notices, 20 villages, 3x blocks)", f"{small} → {large}", "queries", f"HTTP {status}, {note}")
