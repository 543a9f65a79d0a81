"""`make run`: migrate, load the demo, then serve with a Celery worker and beat beside the web server.

Without REDIS_URL the broker is kombu's filesystem transport under var/, so nothing else is needed.
"""

import os
import signal
import subprocess
import time
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PORT = os.environ.get("PORT", "8000")


def main():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "cunwu.settings.dev")}
    env.setdefault("PYTHONUNBUFFERED", "1")
    # Links that leave the browser (QR codes on signs, SMS) must carry the port this server listens on.
    env.setdefault("CUNWU_PUBLIC_PORT", str(PORT))
    var = ROOT / "var"
    for folder in ("celery-broker", "celery-processed", "cache", "media", "sms"):
        (var / folder).mkdir(parents=True, exist_ok=True)
    manage = [PY, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], check=True, env=env, cwd=ROOT)
    subprocess.run([*manage, "load_demo"], check=True, env=env, cwd=ROOT)
    celery = [PY, "-m", "celery", "-A", "cunwu", "--workdir", str(ROOT / "site")]
    children = [
        subprocess.Popen([*celery, "worker", "-B", "-l", "info", "-c", "2", "-s", str(var / "celerybeat-schedule")], env=env, cwd=ROOT),
        subprocess.Popen([*manage, "runserver", f"127.0.0.1:{PORT}"], env=env, cwd=ROOT),
    ]
    print(f"\n  cunwu is at http://127.0.0.1:{PORT}/  (admin: http://127.0.0.1:{PORT}/admin/)", flush=True)
    print(f"  The second demo town is at http://liuhe.localhost:{PORT}/\n", flush=True)

    def stop(*_args):
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        sys.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while True:
        for child in children:
            if child.poll() is not None:
                print(f"a process stopped ({child.args[2:4]}); stopping cunwu", flush=True)
                stop()
        time.sleep(1)


if __name__ == "__main__":
    main()
