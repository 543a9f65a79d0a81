"""A real Celery worker in a child process, on the test database and this run's own queue."""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class CeleryWorker:
    def __init__(self, database_name, concurrency=2, extra_args=()):
        from django.conf import settings

        self.queue = settings.CELERY_TASK_DEFAULT_QUEUE
        db = settings.DATABASES["default"]
        url = f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{database_name}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cunwu.settings.test",
            "DATABASE_URL": url,
            "CELERY_QUEUE": self.queue,
            "CONN_MAX_AGE": "0",
        }
        self.args = [
            sys.executable, "-m", "celery", "-A", "cunwu", "--workdir", str(ROOT / "site"),
            "worker", "-Q", self.queue, "-c", str(concurrency), "-l", "info",
            "-n", f"{self.queue}-{time.monotonic_ns()}@%h", "--without-gossip", "--without-mingle", *extra_args,
        ]
        self.process = None
        self.log_path = ROOT / "var" / f"worker-{self.queue}.log"

    def start(self, timeout=60):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(self.log_path, "ab")
        self.process = subprocess.Popen(self.args, env=self.env, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Celery worker exited early; see {self.log_path}")
            if b" ready." in self.log_path.read_bytes():
                return self
            time.sleep(0.2)
        raise RuntimeError(f"the Celery worker did not start in {timeout}s; see {self.log_path}")

    def kill(self, sig=9):
        """SIGKILL by default: the worker and its pool children die mid-task, as in a crash."""
        if self.process and self.process.poll() is None:
            subprocess.run(["pkill", f"-{sig}", "-P", str(self.process.pid)], check=False)
            self.process.send_signal(sig)
            self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        if getattr(self, "_log", None):
            self._log.close()
