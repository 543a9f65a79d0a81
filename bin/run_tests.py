"""`make test`'s PostgreSQL pass in two pytest processes side by side: the core's tests and the plugins'.

The suite is CPU-bound in one process while PostgreSQL and the browsers wait; two processes use both cores of a
CI machine and keep `.ci/run` inside its time budget. Each process has a database and a Redis database of its own
(the second gets the given names with "_b" and the next lower Redis db), so their caches, rate-limit counters,
Celery queues and test databases never meet. Every test still runs once, on real PostgreSQL and Redis; the
output of each process is printed whole when it ends, and the exit status fails if either failed.

    bin/run_tests.py [pytest arguments...]     (DATABASE_URL and REDIS_URL from the environment)
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
GROUPS = [
    ("core", ["tests/core", "tests/fieldvisit"]),  # fieldvisit here: the plugins' group is the longer one
    ("plugins", ["tests/appeals", "tests/disclosure", "tests/livestream", "tests/sms", "tests/plugin_kit"]),
]


def second_database(url):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_b"))


def second_redis(url):
    parts = urlsplit(url)
    db = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{db - 1 if db > 0 else db + 1}"))


def main(args):
    if any(arg.startswith("tests") for arg in args):  # a chosen part of the suite: one process, as asked
        return subprocess.call([sys.executable, "-m", "pytest", *args], cwd=ROOT)
    missing = sorted(path for _name, paths in GROUPS for path in paths if not (ROOT / path).is_dir())
    if missing:
        sys.exit(f"run_tests.py: no such test folder {missing}; update GROUPS")
    listed = {path for _name, paths in GROUPS for path in paths}
    unlisted = sorted(f"tests/{folder.name}" for folder in (ROOT / "tests").iterdir()
                      if folder.is_dir() and any(folder.glob("test_*.py")) and f"tests/{folder.name}" not in listed)
    if unlisted:
        sys.exit(f"run_tests.py: test folders in no group {unlisted}; add them to GROUPS")
    (ROOT / "var").mkdir(exist_ok=True)
    running = []
    for index, (name, paths) in enumerate(GROUPS):
        env = dict(os.environ)
        if index:
            env["DATABASE_URL"] = second_database(env["DATABASE_URL"])
            env["REDIS_URL"] = second_redis(env["REDIS_URL"])
        log = open(ROOT / "var" / f"test-{name}.log", "wb")
        process = subprocess.Popen([sys.executable, "-m", "pytest", *args, *paths], cwd=ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
        running.append((name, process, log, time.monotonic()))
        print(f"[{name}] pytest {' '.join(paths)} (database {urlsplit(env['DATABASE_URL']).path.strip('/')}, "
              f"redis db {urlsplit(env['REDIS_URL']).path.strip('/')})", flush=True)
    failed = []
    for name, process, log, started in running:
        code = process.wait()
        log.close()
        print(f"\n===== [{name}] exit {code} after {time.monotonic() - started:.0f} s =====", flush=True)
        sys.stdout.write((ROOT / "var" / f"test-{name}.log").read_text(errors="replace"))
        sys.stdout.flush()
        if code:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
