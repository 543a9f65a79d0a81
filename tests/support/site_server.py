"""The site under gunicorn in a child process, on the test database, as in production (persistent connections)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from .redis_server import OwnRedis, free_port

ROOT = Path(__file__).resolve().parents[2]


class SiteServer:
    def __init__(self, database_name, redis_url, workers=1, threads=2, extra_env=None):
        from django.conf import settings

        db = settings.DATABASES["default"]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cunwu.settings.test",
            "DATABASE_URL": f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{database_name}",
            "REDIS_URL": redis_url,
            "CONN_MAX_AGE": "600",
            **(extra_env or {}),
        }
        self.args = [
            sys.executable, "-m", "gunicorn", "cunwu.wsgi:application", "--chdir", str(ROOT / "site"),
            "--workers", str(workers), "--threads", str(threads), "--bind", f"127.0.0.1:{self.port}", "--timeout", "60",
        ]
        self.log_path = ROOT / "var" / f"site-server-{self.port}.log"
        self.process = None

    def start(self, timeout=60):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(self.args, env=self.env, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.log()
                self.stop()
                raise RuntimeError(f"gunicorn exited early:\n{log[-3000:]}")
            try:
                requests.get(self.url + "/healthz", timeout=10)
                return self
            except requests.RequestException:  # not listening yet, or the worker still loading Django
                time.sleep(0.2)
        log = self.log()
        self.stop()
        raise RuntimeError(f"gunicorn did not answer in {timeout}s:\n{log[-3000:]}")

    def log(self):
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        self._log.close()
        self.log_path.unlink(missing_ok=True)


@pytest.fixture
def own_redis():
    server = OwnRedis().start()
    yield server
    server.stop()


@pytest.fixture
def site_server(transactional_db, own_redis):
    """start(**kwargs) runs gunicorn on this test's database and own Redis; every server is stopped afterwards."""
    from django.db import connection

    servers = []

    def start(redis_url=None, **kwargs):
        server = SiteServer(connection.settings_dict["NAME"], redis_url or own_redis.url, **kwargs).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
