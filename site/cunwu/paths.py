"""Put site/ and plugins/ on sys.path for entry points that are not manage.py (gunicorn, celery)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for folder in ("site", "plugins"):
    if str(ROOT / folder) not in sys.path:
        sys.path.insert(0, str(ROOT / folder))
