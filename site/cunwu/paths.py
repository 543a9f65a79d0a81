"""Put site/ and plugins/ on sys.path for entry points that are not manage.py (gunicorn, celery)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for folder in ("site", "plugins"):
    if str(ROOT / folder) not in sys.path:
        sys.path.insert(0, str(ROOT / folder))

# What the deployed entry points (gunicorn through cunwu.wsgi, Celery workers and beat through cunwu.celery_app)
# run when DJANGO_SETTINGS_MODULE is not set: one default, so a web process and a worker never disagree.
# manage.py, `make run` and the tests name their settings explicitly.
DEFAULT_SETTINGS_MODULE = "cunwu.settings.production"
